package io.polaroid;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.io.ipc.IpcWriter;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Arrow IPC to a file on the local disk with Arrow and java.nio alone: how a cluster session without
 * polaroid-local writes {@link DataFrame#writeIpc}. As the engine's writer does, it creates the folder,
 * replaces a file that is there, and removes a file it could not finish.
 */
final class LocalIpcFile {
    /** A URI scheme of two letters or more ({@code s3a:}, {@code hdfs:}); one letter is a Windows drive. */
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):");

    private LocalIpcFile() {
    }

    /** Whether {@code path} is on the local disk: no scheme, or {@code file:}. */
    static boolean isLocal(String path) {
        var m = SCHEME.matcher(path);
        return !m.find() || m.group(1).equalsIgnoreCase("file");
    }

    static void write(Schema schema, List<Batch> batches, String path) {
        Path target = path.regionMatches(true, 0, "file:", 0, 5) ? Path.of(URI.create(path)) : Path.of(path);
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw ioError(path, e);
        }
        try (OutputStream out = Files.newOutputStream(target)) {
            IpcWriter.writeFile(schema, batches, out);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(target);
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
