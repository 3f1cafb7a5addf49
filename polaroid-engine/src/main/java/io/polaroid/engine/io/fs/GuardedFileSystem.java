package io.polaroid.engine.io.fs;

import java.io.IOException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A file system that asks a {@link PathGuard} before every look-up, listing and open. Hadoop's
 * glob expansion ({@code globStatus}) runs on this object, so the folders a glob walks through
 * (after brace expansion, escaped dots and symbolic links) are checked before they are listed:
 * a glob cannot reach outside the guard's roots, nor tell by its answer what exists there.
 */
final class GuardedFileSystem extends FilterFileSystem {
    private final PathGuard guard;
    private final String asWritten;

    GuardedFileSystem(FileSystem fs, PathGuard guard, String asWritten) {
        super(fs);
        this.guard = guard;
        this.asWritten = asWritten;
    }

    /** Throws unless the guard allows {@code path}; messages name the scan's path as written. */
    void check(Path path) {
        if (guard == PathGuard.ALLOW_ALL) {
            return; // nothing to decide; qualifying can cost a round trip on some file systems (ftp)
        }
        guard.check(asWritten, makeQualified(path));
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        check(f);
        return super.getFileStatus(f);
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        check(f);
        return super.listStatus(f);
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        check(f);
        return super.open(f, bufferSize);
    }
}
