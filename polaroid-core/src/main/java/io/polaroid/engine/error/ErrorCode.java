package io.polaroid.engine.error;

/**
 * What went wrong, by category. Each code says whose mistake it is and maps to one gRPC
 * status at the transport edge, so a remote caller sees the same category as a local one.
 */
public enum ErrorCode {
    /** The plan is malformed: a missing field, an unknown node or function, a bad argument. */
    INVALID_PLAN(Category.USER, "INVALID_ARGUMENT"),
    /** A column name that is not in the input. */
    COLUMN_NOT_FOUND(Category.USER, "INVALID_ARGUMENT"),
    /** Two output columns would have the same name. */
    DUPLICATE_COLUMN(Category.USER, "INVALID_ARGUMENT"),
    /** An expression applied to types it does not accept. */
    TYPE_MISMATCH(Category.USER, "INVALID_ARGUMENT"),
    /** An expression string that does not parse. */
    PARSE_ERROR(Category.USER, "INVALID_ARGUMENT"),
    /** A path or glob that matches no file. */
    FILE_NOT_FOUND(Category.USER, "NOT_FOUND"),
    /** A file that cannot be read: corrupt, truncated, or a row that does not parse. */
    INVALID_DATA(Category.USER, "INVALID_ARGUMENT"),
    /** A value that does not fit or convert at run time (overflow, strict cast). */
    INVALID_VALUE(Category.USER, "INVALID_ARGUMENT"),
    /** A path outside the data roots a server allows. */
    PERMISSION_DENIED(Category.USER, "PERMISSION_DENIED"),
    /** Something the engine does not do (yet), named precisely. */
    NOT_SUPPORTED(Category.USER, "UNIMPLEMENTED"),
    /** The query needed more memory than its limit. */
    RESOURCE_EXHAUSTED(Category.INSUFFICIENT_RESOURCES, "RESOURCE_EXHAUSTED"),
    /** The query was cancelled. */
    CANCELLED(Category.USER, "CANCELLED"),
    /** An I/O failure that is not the user's fault. */
    IO_ERROR(Category.EXTERNAL, "UNAVAILABLE"),
    /** A bug in Polaroid. */
    INTERNAL(Category.INTERNAL, "INTERNAL");

    /** Whose problem it is. */
    public enum Category { USER, INSUFFICIENT_RESOURCES, EXTERNAL, INTERNAL }

    private final Category category;
    private final String grpcStatus;

    ErrorCode(Category category, String grpcStatus) {
        this.category = category;
        this.grpcStatus = grpcStatus;
    }

    public Category category() {
        return category;
    }

    /** The name of the {@code io.grpc.Status.Code} this maps to at the transport edge. */
    public String grpcStatus() {
        return grpcStatus;
    }
}
