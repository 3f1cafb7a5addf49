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
