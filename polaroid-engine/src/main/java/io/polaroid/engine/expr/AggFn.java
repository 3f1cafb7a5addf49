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
    IMPLODE("implode");

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
