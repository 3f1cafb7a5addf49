package io.polaroid;

import io.polaroid.engine.dsl.FunctionNames;

/** Functions of a binary column ({@code expr.bin()}), named as Polars names them. */
public final class BinaryFunctions {
    private final Expr expr;

    BinaryFunctions(Expr expr) {
        this.expr = expr;
    }

    /** Whether the bytes hold {@code pattern}; null where the value is null. */
    public Expr contains(byte[] pattern) {
        return expr.call(FunctionNames.BIN_CONTAINS, (Object) pattern);
    }

    public Expr startsWith(byte[] prefix) {
        return expr.call(FunctionNames.BIN_STARTS_WITH, (Object) prefix);
    }

    public Expr endsWith(byte[] suffix) {
        return expr.call(FunctionNames.BIN_ENDS_WITH, (Object) suffix);
    }

    /** Whether the bytes hold the pattern of the same row; null where either is null. */
    public Expr contains(Expr pattern) {
        return expr.call(FunctionNames.BIN_CONTAINS, pattern);
    }

    public Expr startsWith(Expr prefix) {
        return expr.call(FunctionNames.BIN_STARTS_WITH, prefix);
    }

    public Expr endsWith(Expr suffix) {
        return expr.call(FunctionNames.BIN_ENDS_WITH, suffix);
    }

    /** The number of bytes of each value (i64). */
    public Expr size() {
        return expr.call(FunctionNames.BIN_SIZE);
    }

    /** The size in {@code unit}: "b" (i64), or "kb", "mb", "gb", "tb" (f64, units of 1024). */
    public Expr size(String unit) {
        return expr.call(FunctionNames.BIN_SIZE, unit);
    }

    /** Bytes from {@code offset} (negative: from the end) to the end. */
    public Expr slice(long offset) {
        return expr.call(FunctionNames.BIN_SLICE, offset, null);
    }

    /** {@code length} bytes from {@code offset} (negative: from the end), clipped to the value. */
    public Expr slice(long offset, long length) {
        return expr.call(FunctionNames.BIN_SLICE, offset, length);
    }

    /** The first {@code n} bytes; a negative n: all but the last -n. */
    public Expr head(long n) {
        return expr.call(FunctionNames.BIN_HEAD, n);
    }

    /** The last {@code n} bytes; a negative n: all but the first -n. */
    public Expr tail(long n) {
        return expr.call(FunctionNames.BIN_TAIL, n);
    }

    /** Byte {@code index} (negative: from the end) as i64; out of range fails, or with {@code nullOnOutOfRange} is null. */
    public Expr get(long index, boolean nullOnOutOfRange) {
        return expr.call(FunctionNames.BIN_GET, index, nullOnOutOfRange);
    }

    /** Each value of exactly {@code type}'s width (an integer or float type) read as it; other values are null. */
    public Expr reinterpret(io.polaroid.engine.types.DataType type, boolean littleEndian) {
        return expr.call(FunctionNames.BIN_REINTERPRET, Functions.nullOf(type), littleEndian);
    }

    /** The bytes as "hex" (lower case) or "base64" text. */
    public Expr encode(String encoding) {
        return expr.call(FunctionNames.BIN_ENCODE, encoding);
    }

    /** The bytes that "hex" or "base64" bytes spell; bytes that do not decode fail the query. */
    public Expr decode(String encoding) {
        return decode(encoding, true);
    }

    /** As {@link #decode(String)}; not {@code strict}, bytes that do not decode give null. */
    public Expr decode(String encoding, boolean strict) {
        return expr.call(FunctionNames.BIN_DECODE, encoding, strict);
    }
}
