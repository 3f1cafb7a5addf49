package io.polaroid.engine.io.ipc;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.util.function.BiFunction;
import org.apache.arrow.memory.OutOfMemoryException;

/**
 * What a failure while reading IPC data means to the user: the store failed (IO_ERROR), the data
 * uses something Polaroid does not read (NOT_SUPPORTED), the query ran out of memory, or else the
 * bytes are not Arrow IPC, whatever Arrow threw on them: {@code invalid} words that last case from
 * the problem and its cause.
 */
final class IpcErrors {
    private IpcErrors() {
    }

    static PolaroidException of(Throwable failure, String source, BiFunction<String, Throwable, PolaroidException> invalid) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof PolaroidException p) {
                return p;
            }
            if (c instanceof OutOfMemoryException) {
                return PolaroidException.wrap(failure);
            }
            if (c instanceof HadoopReadChannel.ReadFailure) {
                return new PolaroidException(ErrorCode.IO_ERROR, "cannot read " + source + ": " + c.getMessage(), failure);
            }
            if (c instanceof IpcMessages.Unsupported) {
                return new PolaroidException(ErrorCode.NOT_SUPPORTED, source + ": " + c.getMessage(), failure);
            }
        }
        return invalid.apply(String.valueOf(failure.getMessage()), failure);
    }
}
