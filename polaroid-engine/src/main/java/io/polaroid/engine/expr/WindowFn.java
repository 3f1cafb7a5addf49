package io.polaroid.engine.expr;

import io.polaroid.engine.dsl.FunctionNames;

/**
 * Functions whose value for a row depends on the other rows of its window and their order (Polars'
 * order-dependent expressions): the window operator computes them over each partition's rows in
 * order. Nulls are skipped by the running functions and get a null result, as in Polars.
 */
public enum WindowFn {
    /** Rank of the value among the partition's values ({@link RankMethod}); nulls get null. */
    RANK(FunctionNames.RANK),
    CUM_SUM(FunctionNames.CUM_SUM), CUM_PROD(FunctionNames.CUM_PROD), CUM_MIN(FunctionNames.CUM_MIN), CUM_MAX(FunctionNames.CUM_MAX),
    /** Non-null values so far. */
    CUM_COUNT(FunctionNames.CUM_COUNT),
    /** The value {@code n} rows earlier (later when negative), or the fill value. */
    SHIFT(FunctionNames.SHIFT),
    /** The value minus the one {@code n} rows earlier. */
    DIFF(FunctionNames.DIFF),
    /** The value over the one {@code n} rows earlier, minus one. */
    PCT_CHANGE(FunctionNames.PCT_CHANGE),
    IS_FIRST_DISTINCT(FunctionNames.IS_FIRST_DISTINCT), IS_LAST_DISTINCT(FunctionNames.IS_LAST_DISTINCT),
    /** The row's position in its partition plus a start ({@code int_range(start, len())}). */
    INT_RANGE(FunctionNames.INT_RANGE),
    /** A null takes the nearest non-null value before it (after it), within a limit. */
    FORWARD_FILL(FunctionNames.FORWARD_FILL), BACKWARD_FILL(FunctionNames.BACKWARD_FILL),
    /** The value as far from the partition's end as this row is from its start. */
    REVERSE(FunctionNames.REVERSE),
    /** The number of the run of equal values the row is in. */
    RLE_ID(FunctionNames.RLE_ID),
    /** Over the fixed-size window of rows ending at (or centered on) the row ({@link RollingWindow}). */
    ROLLING_SUM(FunctionNames.ROLLING_SUM), ROLLING_MEAN(FunctionNames.ROLLING_MEAN), ROLLING_MIN(FunctionNames.ROLLING_MIN),
    ROLLING_MAX(FunctionNames.ROLLING_MAX), ROLLING_STD(FunctionNames.ROLLING_STD), ROLLING_VAR(FunctionNames.ROLLING_VAR),
    ROLLING_MEDIAN(FunctionNames.ROLLING_MEDIAN), ROLLING_QUANTILE(FunctionNames.ROLLING_QUANTILE),
    /** Nulls filled on the straight line between the non-null values around them (none after the last). */
    INTERPOLATE(FunctionNames.INTERPOLATE),
    /** Exponentially weighted mean, std, var and sum of the values so far ({@link WindowOptions.Ewm}). */
    EWM_MEAN(FunctionNames.EWM_MEAN), EWM_STD(FunctionNames.EWM_STD), EWM_VAR(FunctionNames.EWM_VAR), EWM_SUM(FunctionNames.EWM_SUM),
    /** Over the rows whose {@code by} value lies in the period ending at the row's ({@link WindowOptions.ByWindow}). */
    ROLLING_SUM_BY(FunctionNames.ROLLING_SUM_BY), ROLLING_MEAN_BY(FunctionNames.ROLLING_MEAN_BY),
    ROLLING_MIN_BY(FunctionNames.ROLLING_MIN_BY), ROLLING_MAX_BY(FunctionNames.ROLLING_MAX_BY),
    ROLLING_STD_BY(FunctionNames.ROLLING_STD_BY), ROLLING_VAR_BY(FunctionNames.ROLLING_VAR_BY),
    ROLLING_MEDIAN_BY(FunctionNames.ROLLING_MEDIAN_BY), ROLLING_QUANTILE_BY(FunctionNames.ROLLING_QUANTILE_BY),
    /** Nulls on the straight line between the values around them, by the {@code by} column's values. */
    INTERPOLATE_BY(FunctionNames.INTERPOLATE_BY),
    /** The exponentially weighted mean so far in {@code by} order, a value's weight halving every half-life of {@code by}. */
    EWM_MEAN_BY(FunctionNames.EWM_MEAN_BY),
    /**
     * A row-set expression's values, placed from the top of each partition ({@link Placement}); the
     * analyzer writes it, so it has no name in the function catalog.
     */
    PLACE("__place");

    private final String wireName;

    WindowFn(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static WindowFn fromWireName(String name) {
        for (WindowFn fn : values()) {
            if (fn.wireName.equals(name)) {
                return fn;
            }
        }
        return null;
    }

    public boolean isRolling() {
        return name().startsWith("ROLLING_");
    }

    /**
     * The rows a rolling function reads: {@code size} rows ending at the row, or centered on it; a
     * result needs {@code minSamples} non-null values; std and var divide by {@code count - ddof};
     * a rolling quantile takes {@code quantile} of the window's values (the median is one).
     */
    public record RollingWindow(int size, int minSamples, boolean center, int ddof, Quantile quantile) {
        public RollingWindow(int size, int minSamples, boolean center, int ddof) {
            this(size, minSamples, center, ddof, null);
        }
    }

    /** Whether the running function accumulates from the partition's last row back. */
    public boolean isCumulative() {
        return this == CUM_SUM || this == CUM_PROD || this == CUM_MIN || this == CUM_MAX || this == CUM_COUNT;
    }

    /** How {@link #RANK} numbers equal values, as Polars' {@code rank(method=)}. */
    public enum RankMethod {
        /** The mean of the ranks the ties would take (a float). */
        AVERAGE,
        /** The lowest rank of the ties. */
        MIN,
        /** The highest rank of the ties. */
        MAX,
        /** Ties share a rank, and the next value takes the next rank. */
        DENSE,
        /** Every row its own rank; ties in window order. */
        ORDINAL;

        public static RankMethod of(String name) {
            for (RankMethod m : values()) {
                if (m.name().equalsIgnoreCase(name)) {
                    return m;
                }
            }
            return null;
        }
    }
}
