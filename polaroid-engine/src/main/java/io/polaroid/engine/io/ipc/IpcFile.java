package io.polaroid.engine.io.ipc;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.io.fs.FileSystems;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.fs.Path;

/** One file of an IPC source, named in messages by {@code display} (see {@link io.polaroid.engine.io.fs.ListedFile}). */
record IpcFile(Path path, String display, long length) {

    HadoopReadChannel open(FileSystems files) {
        try {
            return new HadoopReadChannel(files.fileSystem(path).open(path), length);
        } catch (FileNotFoundException e) {
            throw new PolaroidException(ErrorCode.FILE_NOT_FOUND,
                    "no file matches '" + display + "' (it was there when the query was planned)", e);
        } catch (IOException e) {
            throw new PolaroidException(ErrorCode.IO_ERROR, "cannot read " + display + ": " + files.mask(e.getMessage()), e);
        }
    }

    /** Whether reading a few bytes more costs no round trip to a remote store. */
    boolean isLocal() {
        return "file".equals(path.toUri().getScheme());
    }

    /** What a failure while reading this file means to the user (see {@link IpcErrors}). */
    PolaroidException error(Throwable failure) {
        return IpcErrors.of(failure, display, (problem, cause) -> new PolaroidException(ErrorCode.INVALID_DATA,
                display + " is not a valid Arrow IPC file: " + problem, cause));
    }

    @Override
    public String toString() {
        return display;
    }
}
