package io.polaroid.engine.io.fs;

import io.polaroid.engine.dsl.StorageOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The file systems of scans with their own storage options, one per distinct option set, so later
 * scans with the same options reuse their S3A instances. Past {@link #MAX_KEPT} option sets the
 * least recently used one retires: it is no longer handed out, and it is closed once it has not
 * been used for {@link #RETIRE_AFTER_NANOS} (a query still reading through it keeps it open);
 * everything is closed when the engine closes.
 */
final class ScanFileSystemsCache implements AutoCloseable {
    static final int MAX_KEPT = 16;
    static final long RETIRE_AFTER_NANOS = 10L * 60 * 1_000_000_000;

    private final List<FileSystems> retiring = new ArrayList<>();
    private final Map<StorageOptions, FileSystems> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<StorageOptions, FileSystems> eldest) {
            if (size() > MAX_KEPT) {
                retiring.add(eldest.getValue());
                return true;
            }
            return false;
        }
    };

    synchronized FileSystems get(StorageOptions options, Function<StorageOptions, FileSystems> create) {
        long now = System.nanoTime();
        retiring.removeIf(fs -> {
            if (now - fs.lastUsed() > RETIRE_AFTER_NANOS) {
                fs.close();
                return true;
            }
            return false;
        });
        return kept.computeIfAbsent(options, create);
    }

    @Override
    public synchronized void close() {
        kept.values().forEach(FileSystems::close);
        retiring.forEach(FileSystems::close);
        kept.clear();
        retiring.clear();
    }
}
