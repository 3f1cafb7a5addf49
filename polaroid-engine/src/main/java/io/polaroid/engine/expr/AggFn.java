package io.polaroid.engine.expr;

/** Aggregate functions. All skip nulls, except LEN which counts rows and IMPLODE which keeps them (Polars semantics). */
public enum AggFn {
    SUM("sum"), MEAN("mean"), MIN("min"), MAX("max"),
    /** Non-null values. */
    COUNT("count"),
    /** Rows. */
    LEN("len"),
    N_UNIQUE("n_unique"),
    /** First and last by input order. */
    FIRST("first"), LAST("last"),
    MEDIAN("median"), STD("std"), VAR("var"),
    /** A quantile with Polars' interpolation methods ({@link Quantile}). */
    QUANTILE("quantile"),
    /** The values of a group as one list, in input order. */
    IMPLODE("implode"),
    /** Reductions of each group's values in row order (ReduceAccumulator): nulls skipped. */
    PRODUCT("product"), BITWISE_AND("bitwise_and"), BITWISE_OR("bitwise_or"), BITWISE_XOR("bitwise_xor"),
    /** The 0-based position in the group of the first smallest (largest) value; NaN only when all are NaN. */
    ARG_MIN("arg_min"), ARG_MAX("arg_max"),
    /** The nearest quantile, computed exactly, in the type of the values. */
    APPROX_QUANTILE("approx_quantile");

    private final String wireName;

    AggFn(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static AggFn fromWireName(String name) {
        for (AggFn fn : values()) {
            if (fn.wireName.equals(name)) {
                return fn;
            }
        }
        return null;
    }
}
