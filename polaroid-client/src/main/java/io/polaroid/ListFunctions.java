package io.polaroid;

import io.polaroid.engine.dsl.FunctionNames;

/** List functions of an expression ({@code expr.list()}), named as Polars names them. */
public final class ListFunctions {
    private final Expr expr;

    ListFunctions(Expr expr) {
        this.expr = expr;
    }

    /** Number of values of each list, nulls included. */
    public Expr len() {
        return expr.call(FunctionNames.LIST_LEN);
    }

    /** Value {@code index} (negative: from the end); an index out of bounds fails the query. */
    public Expr get(long index) {
        return expr.call(FunctionNames.LIST_GET, index);
    }

    /** Value {@code index} (negative: from the end); out of bounds gives null when {@code nullOnOob}, else fails. */
    public Expr get(long index, boolean nullOnOob) {
        return expr.call(FunctionNames.LIST_GET, index, nullOnOob);
    }

    /** The first value, null for an empty list. */
    public Expr first() {
        return expr.call(FunctionNames.LIST_FIRST);
    }

    /** The last value, null for an empty list. */
    public Expr last() {
        return expr.call(FunctionNames.LIST_LAST);
    }

    public Expr contains(Object item) {
        return expr.call(FunctionNames.LIST_CONTAINS, item);
    }

    /** Sum of the non-null values; 0 for an empty list. */
    public Expr sum() {
        return expr.call(FunctionNames.LIST_SUM);
    }

    public Expr min() {
        return expr.call(FunctionNames.LIST_MIN);
    }

    public Expr max() {
        return expr.call(FunctionNames.LIST_MAX);
    }

    public Expr mean() {
        return expr.call(FunctionNames.LIST_MEAN);
    }

    /** The strings of each list joined by {@code separator}, nulls skipped. */
    public Expr join(String separator) {
        return expr.call(FunctionNames.LIST_JOIN, separator);
    }

    /** The distinct values, in the order they first appear. */
    public Expr unique() {
        return expr.call(FunctionNames.LIST_UNIQUE);
    }

    /** Number of distinct values, null counted as one. */
    public Expr nUnique() {
        return expr.call(FunctionNames.LIST_N_UNIQUE);
    }

    /** Values in ascending order, nulls first. */
    public Expr sort() {
        return expr.call(FunctionNames.LIST_SORT);
    }

    public Expr sort(boolean descending, boolean nullsLast) {
        return expr.call(FunctionNames.LIST_SORT, descending, nullsLast);
    }

    public Expr reverse() {
        return expr.call(FunctionNames.LIST_REVERSE);
    }

    /** {@code length} values from {@code offset} (negative: from the end). */
    public Expr slice(long offset, long length) {
        return expr.call(FunctionNames.LIST_SLICE, offset, length);
    }

    /** Values from {@code offset} (negative: from the end) to the end. */
    public Expr slice(long offset) {
        return expr.call(FunctionNames.LIST_SLICE, offset);
    }

    /** The first {@code n} values. */
    public Expr head(long n) {
        return expr.call(FunctionNames.LIST_HEAD, n);
    }

    /** The last {@code n} values. */
    public Expr tail(long n) {
        return expr.call(FunctionNames.LIST_TAIL, n);
    }
}
