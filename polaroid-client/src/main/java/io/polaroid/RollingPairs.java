package io.polaroid;

import io.polaroid.engine.types.DataType;

/**
 * Polars' {@code rolling_cov} and {@code rolling_corr}, built as Polars builds them: rolling means of
 * {@code a * b}, {@code a} and {@code b} over the rows where both are non-null, the count of those
 * rows scaling by {@code n / (n - ddof)}, and (for corr) the rolling variances.
 */
final class RollingPairs {
    private RollingPairs() {
    }

    static Expr cov(Object a, Object b, int windowSize, int minSamples, int ddof) {
        Expr x = Functions.lit(BusinessDays.column(a));
        Expr y = Functions.lit(BusinessDays.column(b));
        Expr both = Functions.when(x.isNotNull().and(y.isNotNull())).then(1.0);
        Expr meanXy = x.mul(y).rollingMean(windowSize, minSamples, false);
        Expr meanX = x.mul(both).rollingMean(windowSize, minSamples, false);
        Expr meanY = y.mul(both).rollingMean(windowSize, minSamples, false);
        Expr count = x.add(y).isNotNull().cast(DataType.FLOAT64).rollingSum(windowSize, 0, false);
        return meanXy.sub(meanX.mul(meanY)).mul(count.div(count.sub((double) ddof)));
    }

    static Expr corr(Object a, Object b, int windowSize, int minSamples) {
        Expr x = Functions.lit(BusinessDays.column(a));
        Expr y = Functions.lit(BusinessDays.column(b));
        Expr both = Functions.when(x.isNotNull().and(y.isNotNull())).then(1.0);
        Expr varX = x.mul(both).rollingVar(windowSize, minSamples, false, 1);
        Expr varY = y.mul(both).rollingVar(windowSize, minSamples, false, 1);
        return cov(x, y, windowSize, minSamples, 1).div(varX.mul(varY).pow(0.5));
    }
}
