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

    /** Whether every value is true (true for an empty list), nulls skipped. */
    public Expr all() {
        return expr.call(FunctionNames.LIST_ALL);
    }

    /** Whether every value is true; unless {@code ignoreNulls}, a null (and no false) makes it null. */
    public Expr all(boolean ignoreNulls) {
        return expr.call(FunctionNames.LIST_ALL, ignoreNulls);
    }

    /** Whether a value is true (false for an empty list), nulls skipped. */
    public Expr any() {
        return expr.call(FunctionNames.LIST_ANY);
    }

    /** Whether a value is true; unless {@code ignoreNulls}, a null (and no true) makes it null. */
    public Expr any(boolean ignoreNulls) {
        return expr.call(FunctionNames.LIST_ANY, ignoreNulls);
    }

    /** The position of the largest value (i64), null if there is none. */
    public Expr argMax() {
        return expr.call(FunctionNames.LIST_ARG_MAX);
    }

    /** The position of the smallest value (i64), null if there is none. */
    public Expr argMin() {
        return expr.call(FunctionNames.LIST_ARG_MIN);
    }

    /** How many values equal {@code element} (a literal; null counts the nulls). */
    public Expr countMatches(Object element) {
        return expr.call(FunctionNames.LIST_COUNT_MATCHES, element);
    }

    /** Each value minus the one before it. */
    public Expr diff() {
        return expr.call(FunctionNames.LIST_DIFF);
    }

    /** Each value minus the one {@code n} before it; {@code nullBehavior} "ignore" or "drop" (drops the first n). */
    public Expr diff(long n, String nullBehavior) {
        return expr.call(FunctionNames.LIST_DIFF, n, nullBehavior);
    }

    public Expr dropNulls() {
        return expr.call(FunctionNames.LIST_DROP_NULLS);
    }

    /** The values at the positions in the list {@code indices} (negative: from the end); out of bounds fails. */
    public Expr gather(Expr indices) {
        return expr.call(FunctionNames.LIST_GATHER, indices);
    }

    /** The values at the positions in {@code indices}; out of bounds gives null when {@code nullOnOob}, else fails. */
    public Expr gather(Expr indices, boolean nullOnOob) {
        return expr.call(FunctionNames.LIST_GATHER, indices, nullOnOob);
    }

    /** The values at these positions, the same for every row. */
    public Expr gather(long... indices) {
        return gather(Functions.concatList(java.util.Arrays.stream(indices).boxed().toArray()));
    }

    /** Every {@code n}-th value from {@code offset}. */
    public Expr gatherEvery(long n, long offset) {
        return expr.call(FunctionNames.LIST_GATHER_EVERY, n, offset);
    }

    /** The one value of each list; another length fails. */
    public Expr item() {
        return expr.call(FunctionNames.LIST_ITEM);
    }

    /** The one value of each list; an empty list gives null when {@code allowEmpty}; another length fails. */
    public Expr item(boolean allowEmpty) {
        return expr.call(FunctionNames.LIST_ITEM, allowEmpty);
    }

    public Expr median() {
        return expr.call(FunctionNames.LIST_MEDIAN);
    }

    /** Sample standard deviation (ddof 1). */
    public Expr std() {
        return expr.call(FunctionNames.LIST_STD);
    }

    public Expr std(long ddof) {
        return expr.call(FunctionNames.LIST_STD, ddof);
    }

    /** Sample variance (ddof 1). */
    public Expr var() {
        return expr.call(FunctionNames.LIST_VAR);
    }

    public Expr var(long ddof) {
        return expr.call(FunctionNames.LIST_VAR, ddof);
    }

    /** The values moved {@code n} places later (negative: earlier), nulls shifted in. */
    public Expr shift(long n) {
        return expr.call(FunctionNames.LIST_SHIFT, n);
    }

    /** The distinct values of this list, then of {@code other}'s not in it. */
    public Expr setUnion(Expr other) {
        return expr.call(FunctionNames.LIST_SET_UNION, other);
    }

    /** The distinct values also in {@code other}, in this list's order. */
    public Expr setIntersection(Expr other) {
        return expr.call(FunctionNames.LIST_SET_INTERSECTION, other);
    }

    /** The distinct values not in {@code other}, in this list's order. */
    public Expr setDifference(Expr other) {
        return expr.call(FunctionNames.LIST_SET_DIFFERENCE, other);
    }

    /** The distinct values in one of the lists only: this list's, then {@code other}'s. */
    public Expr setSymmetricDifference(Expr other) {
        return expr.call(FunctionNames.LIST_SET_SYMMETRIC_DIFFERENCE, other);
    }

    /** This list followed by the lists or values {@code others} (a value is a list of one). */
    public Expr concat(Object... others) {
        return expr.call(FunctionNames.LIST_CONCAT, others);
    }

    /** {@code f}, an element-wise expression of {@link Functions#element()}, of each value of each list. */
    public Expr eval(Expr f) {
        return expr.call(FunctionNames.LIST_EVAL, f);
    }

    /** The values for which {@code predicate}, an element-wise expression of {@link Functions#element()}, is true. */
    public Expr filter(Expr predicate) {
        return expr.call(FunctionNames.LIST_FILTER, predicate);
    }
}
