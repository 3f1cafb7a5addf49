package io.polaroid.engine.error;

/** The one exception type Polaroid throws; {@link #code()} says what kind of failure it is. */
public class PolaroidException extends RuntimeException {
    private final ErrorCode code;

    public PolaroidException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public PolaroidException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }

    public static PolaroidException invalidPlan(String message) {
        return new PolaroidException(ErrorCode.INVALID_PLAN, message);
    }

    public static PolaroidException typeMismatch(String message) {
        return new PolaroidException(ErrorCode.TYPE_MISMATCH, message);
    }

    public static PolaroidException notSupported(String message) {
        return new PolaroidException(ErrorCode.NOT_SUPPORTED, message);
    }

    public static PolaroidException internal(String message) {
        return new PolaroidException(ErrorCode.INTERNAL, message);
    }

    /**
     * Wraps any throwable as a PolaroidException, keeping one that already is one. Arrow's
     * {@code OutOfMemoryException} (a query over its allocator limit) becomes RESOURCE_EXHAUSTED.
     */
    public static PolaroidException wrap(Throwable t) {
        if (t instanceof PolaroidException p) {
            return p;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PolaroidException p) {
                return p;
            }
            if (c instanceof org.apache.arrow.memory.OutOfMemoryException) {
                return new PolaroidException(ErrorCode.RESOURCE_EXHAUSTED,
                        "query exceeded its memory limit: " + c.getMessage(), t);
            }
        }
        if (t instanceof OutOfMemoryError) {
            return new PolaroidException(ErrorCode.RESOURCE_EXHAUSTED, "out of heap memory: " + t.getMessage(), t);
        }
        if (t instanceof StackOverflowError) {
            // Analysis bounds expression depth, so this is a plan deep in some other way.
            return invalidPlan("the query nests too deeply to run (the stack overflowed); split it into steps");
        }
        if (t instanceof java.io.IOException) {
            return new PolaroidException(ErrorCode.IO_ERROR, String.valueOf(t.getMessage()), t);
        }
        return new PolaroidException(ErrorCode.INTERNAL, t.getClass().getSimpleName() + ": " + t.getMessage(), t);
    }
}
