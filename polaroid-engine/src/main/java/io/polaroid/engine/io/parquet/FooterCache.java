package io.polaroid.engine.io.parquet;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Footers of recently read Parquet files, by path, length and modification time, so that a file
 * that did not change is not parsed again: every query analyzes its plan, and on a cluster the
 * coordinator and each worker analyze the same plan.
 */
public final class FooterCache {
    private static final int MAX_FILES = 1024;

    private record Key(String path, long length, long modified) {
    }

    private static final Map<Key, ParquetMetadata> FOOTERS = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, ParquetMetadata> eldest) {
            return size() > MAX_FILES;
        }
    };

    private static final java.util.concurrent.atomic.AtomicLong READS = new java.util.concurrent.atomic.AtomicLong();

    private FooterCache() {
    }

    static void countRead() {
        READS.incrementAndGet();
    }

    /** Footers this process has read from files since it started: a cluster reads each once, on the coordinator. */
    public static long reads() {
        return READS.get();
    }

    static ParquetMetadata get(FileStatus status) {
        synchronized (FOOTERS) {
            return FOOTERS.get(key(status));
        }
    }

    static void put(FileStatus status, ParquetMetadata footer) {
        synchronized (FOOTERS) {
            FOOTERS.put(key(status), footer);
        }
    }

    private static Key key(FileStatus status) {
        return new Key(status.getPath().toString(), status.getLen(), status.getModificationTime());
    }
}
