package io.polaroid.engine.spill;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * One query's spill files: a folder of its own in each spill folder, made at the first spill and
 * deleted with everything in it when the query ends ({@link #close}), however it ends. Folders are
 * named {@code polaroid-spill-<pid>-<id>}, so that a process starting later can remove those of a
 * process that died ({@link #sweepLeftovers}).
 */
public final class SpillArea implements AutoCloseable {
    static final String PREFIX = "polaroid-spill-";

    private final List<Path> roots;
    private final SpillQuota quota;
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final List<Path> folders = new ArrayList<>();
    private final List<SpillFile> open = new ArrayList<>();
    private int next;
    private final AtomicLong spilledBytes = new AtomicLong();
    private final AtomicInteger spilledFiles = new AtomicInteger();
    private boolean closed;

    public SpillArea(List<String> dirs, SpillQuota quota) {
        this.roots = dirs.stream().map(Path::of).toList();
        this.quota = quota;
    }

    /** A new, empty spill file, in the spill folders in turn. */
    public SpillFile newFile(String owner) {
        return newFile(owner, bytes -> { });
    }

    /** A new, empty spill file, in the spill folders in turn; {@code written} hears of the bytes it takes on disk. */
    public synchronized SpillFile newFile(String owner, LongConsumer written) {
        if (closed) {
            throw new IllegalStateException("the query's spill area is closed");
        }
        int n = next++;
        int r = n % roots.size();
        while (folders.size() <= r) {
            Path folder = roots.get(folders.size()).resolve(PREFIX + ProcessHandle.current().pid() + "-" + id);
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new PolaroidException(ErrorCode.RESOURCE_EXHAUSTED, "cannot make the spill folder " + folder
                        + " (polaroid.spill.dir): " + e.getMessage(), e);
            }
            folders.add(folder);
        }
        SpillFile f = new SpillFile(folders.get(r).resolve(owner.replaceAll("[^A-Za-z0-9_-]", "_") + "-" + n + ".arrow"), this, written);
        open.add(f);
        spilledFiles.incrementAndGet();
        return f;
    }

    void take(long bytes) {
        quota.take(bytes);
        spilledBytes.addAndGet(bytes);
    }

    void release(long bytes) {
        quota.release(bytes);
    }

    synchronized void forget(SpillFile f) {
        open.remove(f);
    }

    /** Bytes written to spill files by this query so far. */
    public long spilledBytes() {
        return spilledBytes.get();
    }

    /** Spill files made by this query so far. */
    public int spilledFiles() {
        return spilledFiles.get();
    }

    /** Deletes every file and folder of the query. */
    @Override
    public void close() {
        List<SpillFile> files;
        synchronized (this) {
            closed = true;
            files = new ArrayList<>(open);
        }
        files.forEach(SpillFile::close);
        for (Path folder : folders) {
            deleteTree(folder);
        }
    }

    /**
     * Removes the spill folders that processes no longer running left in {@code dirs} (a process
     * killed mid-query cannot delete its own); returns how many.
     */
    public static int sweepLeftovers(List<String> dirs) {
        int removed = 0;
        for (String dir : dirs) {
            Path root = Path.of(dir);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, PREFIX + "*")) {
                for (Path p : entries) {
                    if (Files.isDirectory(p) && !ownerAlive(p.getFileName().toString())) {
                        deleteTree(p);
                        removed++;
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // a folder we cannot list holds nothing of ours to remove
            }
        }
        return removed;
    }

    private static boolean ownerAlive(String folderName) {
        String rest = folderName.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        try {
            long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true; // not a name this class makes: leave it alone
        }
    }

    private static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: what is left is swept by the next process that starts
        }
    }
}
