package io.polaroid.engine.expr;

/** The options of the order-dependent functions added after the first ones (ewm_*, rolling_*_by). */
public sealed interface WindowOptions {
    /**
     * Polars' exponentially weighted functions: the weight of a value {@code i} rows back is
     * {@code (1 - alpha)^i}; {@code adjust} divides by the sum of the weights (else the running
     * form), {@code bias} leaves std and var uncorrected, a result needs {@code minSamples} values,
     * and {@code ignoreNulls} does not count nulls as rows when weighing.
     */
    record Ewm(double alpha, boolean adjust, boolean bias, int minSamples, boolean ignoreNulls) implements WindowOptions {
    }

    /**
     * A window of the rows whose {@code by} value, times {@code scale} (nanoseconds a day for dates,
     * a unit for timestamps, 1 for integers), lies within {@code period} before the row's: from
     * {@code key - period} to {@code key}, each end in or out as {@code closed} says. A result needs
     * {@code minSamples} values; std and var divide by {@code count - ddof}; the median and quantiles
     * take {@code quantile}.
     */
    record ByWindow(long period, long scale, boolean closedLeft, boolean closedRight, int minSamples, int ddof,
                    Quantile quantile) implements WindowOptions {
    }
}
