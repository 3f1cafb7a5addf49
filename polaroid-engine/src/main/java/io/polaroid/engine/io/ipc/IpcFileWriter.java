package io.polaroid.engine.io.ipc;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes batches to a file in the Arrow IPC file format on any file system the engine reaches
 * (local, S3, ...); {@link IpcSource} reads it back one morsel per batch. The encoding is
 * {@link IpcWriter}'s (in polaroid-core, which has no Hadoop); opening the file is this class's.
 */
public final class IpcFileWriter {
    private IpcFileWriter() {
    }

    /**
     * Writes {@code batches} (columns in {@code schema}'s order) to {@code path} in the IPC file
     * format, creating its folder and replacing a file that is there. The batches stay open.
     */
    public static void write(Schema schema, Iterable<Batch> batches, String path, FileSystems files) {
        Path target = new Path(path);
        FileSystem fs = files.fileSystem(target);
        OutputStream out;
        try {
            if (target.getParent() != null) {
                fs.mkdirs(target.getParent());
            }
            out = fs.create(target, true);
        } catch (IOException e) {
            throw ioError(path, e);
        }
        // From here on the file is ours: a failure deletes it, rather than leave a file that looks complete.
        try (out) {
            IpcWriter.writeFile(schema, batches, out);
        } catch (IOException | RuntimeException e) {
            try {
                fs.delete(target, false);
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e instanceof IOException io ? ioError(path, io) : (RuntimeException) e;
        }
    }

    private static PolaroidException ioError(String path, IOException e) {
        return new PolaroidException(ErrorCode.IO_ERROR, "cannot write " + path + ": " + e.getMessage(), e);
    }
}
