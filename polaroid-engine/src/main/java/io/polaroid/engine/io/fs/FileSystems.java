package io.polaroid.engine.io.fs;

import io.polaroid.engine.dsl.StorageOptions;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

/**
 * File access through the Hadoop FileSystem API, so plain paths, {@code file:} URIs and
 * {@code s3a://} URIs all work, chosen by configuration. One instance per engine. What a scan
 * may read is decided by a {@link PathGuard}, applied inside the listing itself (see
 * {@link #expand}), so no glob match, folder entry or symbolic link is read unchecked.
 */
public final class FileSystems implements AutoCloseable {
    private final Configuration conf;
    private final PathGuard guard;
    private final StorageOptions options;
    /** A scan's own file system instances (not Hadoop's shared cache), by scheme and authority; null for the engine's. */
    private final Map<String, FileSystem> own;
    private final ScanFileSystemsCache scoped = new ScanFileSystemsCache();
    private volatile long lastUsed = System.nanoTime();

    /** File systems that read every path (local mode). */
    public FileSystems(Map<String, String> settings) {
        this(settings, PathGuard.ALLOW_ALL);
    }

    /** File systems that read only what {@code guard} allows. */
    public FileSystems(Map<String, String> settings, PathGuard guard) {
        this.guard = guard;
        this.options = StorageOptions.NONE;
        this.own = null;
        this.conf = new Configuration();
        // Local files are read raw: no .crc side files are written or checked.
        conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        conf.setBoolean("fs.file.impl.disable.cache", false);
        // So S3A uploads buffer in direct memory: its disk buffer asks Hadoop for the local file
        // system as a LocalFileSystem, which the raw one above is not.
        conf.set("fs.s3a.fast.upload.buffer", "bytebuffer");
        // Polars names S3 objects s3://bucket/key
        conf.set("fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
        settings.forEach(conf::set);
    }

    /**
     * The engine's settings, then {@code options}'; per-bucket settings are dropped so none can
     * override them, and the engine's keys too when the options name their own credentials provider.
     */
    private FileSystems(FileSystems engine, StorageOptions options) {
        this.guard = engine.guard;
        this.options = options;
        this.own = new java.util.concurrent.ConcurrentHashMap<>();
        this.conf = new Configuration(engine.conf);
        List<String> perBucket = new ArrayList<>();
        conf.forEach(e -> {
            if (e.getKey().startsWith("fs.s3a.bucket.")) {
                perBucket.add(e.getKey());
            }
        });
        perBucket.forEach(conf::unset);
        Map<String, String> scanSettings = options.hadoopSettings();
        if (scanSettings.containsKey("fs.s3a.aws.credentials.provider")) {
            StorageOptions.ENGINE_CREDENTIALS.forEach(conf::unset);
        }
        scanSettings.forEach(conf::set);
    }

    /**
     * The file systems of a scan with its own storage options: S3A instances of their own, not
     * shared through Hadoop's cache with other scans or queries, kept for later scans with the same
     * options (see {@link ScanFileSystemsCache}). No options: these file systems.
     */
    public FileSystems forScan(StorageOptions scanOptions) {
        if (scanOptions.isEmpty()) {
            return this;
        }
        return scoped.get(scanOptions, o -> new FileSystems(this, o));
    }

    /** The scan's own storage options; none for the engine's file systems. */
    public StorageOptions options() {
        return options;
    }

    /** When {@link #fileSystem} was last asked, in {@link System#nanoTime} terms. */
    long lastUsed() {
        return lastUsed;
    }

    /** {@code text} with the values of secret storage options masked. */
    public String mask(String text) {
        return options.mask(String.valueOf(text));
    }

    @Override
    public void close() {
        scoped.close();
        if (own != null) {
            for (FileSystem fs : own.values()) {
                try {
                    fs.close();
                } catch (IOException | RuntimeException ignored) {
                    // closing; nothing left to read through it
                }
            }
            own.clear();
        }
    }

    public Configuration conf() {
        return conf;
    }

    public FileSystem fileSystem(Path path) {
        lastUsed = System.nanoTime();
        try {
            java.net.URI uri = path.toUri();
            if (own == null || uri.getScheme() == null || "file".equals(uri.getScheme())) {
                return path.getFileSystem(conf);
            }
            String key = uri.getScheme() + "://" + uri.getAuthority();
            FileSystem fs = own.get(key);
            if (fs == null) {
                synchronized (own) {
                    fs = own.get(key);
                    if (fs == null) {
                        fs = FileSystem.newInstance(java.net.URI.create(key + "/"), conf);
                        own.put(key, fs);
                    }
                }
            }
            return fs;
        } catch (UnsupportedFileSystemException e) {
            throw noFileSystem(path, e);
        } catch (IOException e) {
            throw new PolaroidException(ErrorCode.IO_ERROR, "cannot open the file system of " + path + ": " + mask(e.getMessage()), e);
        } catch (RuntimeException e) {
            // Hadoop reports a configured FileSystem class that is not on the classpath this way
            if (e.getCause() instanceof ClassNotFoundException) {
                throw noFileSystem(path, e);
            }
            throw e;
        }
    }

    private static PolaroidException noFileSystem(Path path, Exception cause) {
        String scheme = path.toUri().getScheme();
        String hint = "s3a".equals(scheme) ? " (s3a needs org.apache.hadoop:hadoop-aws on the classpath)" : "";
        return new PolaroidException(ErrorCode.NOT_SUPPORTED, "cannot read " + path + ": no file system for scheme '"
                + scheme + "'" + hint + ": " + cause.getMessage(), cause);
    }

    /**
     * Checks, without touching any file, that a path is well-formed (else INVALID_PLAN) and that
     * the guard allows it; a server checks its catalog this way when it starts.
     */
    public void check(String pathOrGlob) {
        guard.check(pathOrGlob, UserPaths.qualified(UserPaths.parse(pathOrGlob)));
    }

    /**
     * Checks that the guard allows a file someone else listed (a worker, for the files of a task the
     * coordinator sent); messages name it {@code display}.
     */
    public void check(String display, Path file) {
        guard.check(display, UserPaths.qualified(file));
    }

    /**
     * The files a path names: the file itself, every file under a folder (recursively, skipping
     * hidden files and files starting with {@code _}), or the files a glob matches; sorted by path.
     * Fails with FILE_NOT_FOUND naming the path if nothing matches, and with what the guard throws
     * if the path, a folder on the way (also one a glob walks through) or a file found is not
     * allowed: the guard is asked before the file system, so a denied path is denied whether it
     * exists or not.
     */
    public List<FileStatus> expand(String pathOrGlob, String... extensions) {
        Path path = UserPaths.parse(pathOrGlob);
        guard.check(pathOrGlob, UserPaths.qualified(path));
        GuardedFileSystem fs = new GuardedFileSystem(fileSystem(path), guard, pathOrGlob);
        List<FileStatus> files = new ArrayList<>();
        try {
            FileStatus[] matches = isGlob(pathOrGlob) ? fs.globStatus(path) : new FileStatus[] {fs.getFileStatus(path)};
            if (matches != null) {
                for (FileStatus status : matches) {
                    collect(fs, status, files, extensions);
                }
            }
        } catch (FileNotFoundException e) {
            throw notFound(pathOrGlob);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).startsWith("Illegal file pattern")) {
                // Hadoop's word for a glob that does not parse: the user's mistake, not an I/O failure.
                throw new PolaroidException(ErrorCode.INVALID_PLAN, "invalid glob " + pathOrGlob + ": " + e.getMessage(), e);
            }
            throw new PolaroidException(ErrorCode.IO_ERROR, "cannot list " + pathOrGlob + ": " + mask(e.getMessage()), e);
        }
        if (files.isEmpty()) {
            throw notFound(pathOrGlob);
        }
        files.sort(Comparator.comparing(f -> f.getPath().toString()));
        return files;
    }

    /** The files of every path of a scan, path after path (see {@link #expand}), named for messages. */
    public List<ListedFile> list(List<String> pathsOrGlobs, String... extensions) {
        List<ListedFile> out = new ArrayList<>();
        for (String userPath : pathsOrGlobs) {
            List<FileStatus> expanded = expand(userPath, extensions);
            String userFile = UserPaths.parse(userPath).toUri().getPath();
            for (FileStatus status : expanded) {
                Path path = status.getPath();
                String found = path.toUri().getPath();
                // A path that names the file itself is shown as written; a listed one in full.
                boolean named = found.equals(userFile) || found.endsWith("/" + userFile);
                String display = named ? userPath : "file".equals(path.toUri().getScheme()) ? found : path.toString();
                out.add(new ListedFile(path, display, status.getLen()));
            }
        }
        return out;
    }

    private static PolaroidException notFound(String pathOrGlob) {
        return new PolaroidException(ErrorCode.FILE_NOT_FOUND, "no file matches '" + pathOrGlob + "'");
    }

    /** Adds the files under {@code status}, each checked by the guard before it is listed or added. */
    private static void collect(GuardedFileSystem fs, FileStatus status, List<FileStatus> out, String[] extensions)
            throws IOException {
        fs.check(status.getPath());
        if (status.isDirectory()) {
            for (FileStatus child : fs.listStatus(status.getPath())) {
                String name = child.getPath().getName();
                if (name.startsWith(".") || name.startsWith("_")) {
                    continue;
                }
                if (child.isFile() && extensions.length > 0 && !hasExtension(name, extensions)) {
                    continue;
                }
                collect(fs, child, out, extensions);
            }
        } else {
            out.add(status);
        }
    }

    private static boolean hasExtension(String name, String[] extensions) {
        for (String ext : extensions) {
            if (name.endsWith(ext)) {
                return true;
            }
        }
        return false;
    }

    static boolean isGlob(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return true;
            }
        }
        return false;
    }
}
