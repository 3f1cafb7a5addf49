package io.polaroid;

import io.polaroid.engine.dsl.ExprFormatter;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A lazy column expression, as in Polars: {@code col("price").gt(100).and(col("qty").lt(5))}.
 * Immutable; every method returns a new expression. Arguments that are not expressions are
 * literals: {@code col("a").add(1)} is {@code col("a") + lit(1)}.
 */
public class Expr {
    private final io.polaroid.engine.dsl.Expr node;

    Expr(io.polaroid.engine.dsl.Expr node) {
        this.node = Objects.requireNonNull(node, "node");
    }

    /** The unresolved expression this builds, as it travels in a plan. */
    public io.polaroid.engine.dsl.Expr node() {
        return node;
    }

    static io.polaroid.engine.dsl.Expr toNode(Object value) {
        if (value instanceof Expr e) {
            return e.node;
        }
        return Functions.lit(value).node;
    }

    Expr call(String function, Object... others) {
        List<io.polaroid.engine.dsl.Expr> args = new ArrayList<>();
        args.add(node);
        for (Object o : others) {
            args.add(toNode(o));
        }
        return new Expr(new io.polaroid.engine.dsl.Expr.Call(function, args));
    }

    /**
     * This expression per group of {@code partitionBy} (column names or expressions), as Polars'
     * {@code over}: the aggregations inside it are computed per group, and every row gets its group's.
     */
    public Expr over(Object... partitionBy) {
        List<io.polaroid.engine.dsl.Expr> keys = new ArrayList<>();
        for (Object key : partitionBy) {
            keys.add(key instanceof String name ? new io.polaroid.engine.dsl.Expr.Column(name) : toNode(key));
        }
        return new Expr(new io.polaroid.engine.dsl.Expr.Window(node, keys));
    }

    /**
     * This expression per group of {@code partitionBy} (none: the whole frame) with each group's rows
     * in {@code orderBy} order (ascending, nulls first), as Polars' {@code over(partition_by,
     * order_by=)}: the order is what {@link #rank}, {@link #cumSum}, {@link #shift} and the other
     * order-dependent functions inside see.
     */
    public Expr over(List<?> partitionBy, List<?> orderBy) {
        return over(partitionBy, orderBy, false, false);
    }

    public Expr over(List<?> partitionBy, List<?> orderBy, boolean descending, boolean nullsLast) {
        List<io.polaroid.engine.dsl.Expr> keys = new ArrayList<>();
        for (Object key : partitionBy) {
            keys.add(columnOrExpr(key));
        }
        List<io.polaroid.engine.dsl.SortKey> order = new ArrayList<>();
        for (Object key : orderBy) {
            order.add(new io.polaroid.engine.dsl.SortKey(columnOrExpr(key), descending, nullsLast));
        }
        return new Expr(new io.polaroid.engine.dsl.Expr.Window(node, keys, order));
    }

    private static io.polaroid.engine.dsl.Expr columnOrExpr(Object key) {
        return key instanceof String name ? new io.polaroid.engine.dsl.Expr.Column(name) : toNode(key);
    }

    // ---- order-dependent functions: over the frame in row order, or inside over() ---------

    /** The rank among the values (nulls get null), ties averaged, as Polars' {@code rank()}. */
    public Expr rank() {
        return rank("average", false);
    }

    /** The rank by {@code method}: "average", "min", "max", "dense" or "ordinal". */
    public Expr rank(String method) {
        return rank(method, false);
    }

    public Expr rank(String method, boolean descending) {
        return call(FunctionNames.RANK, method, descending);
    }

    public Expr cumSum() {
        return cumSum(false);
    }

    public Expr cumSum(boolean reverse) {
        return call(FunctionNames.CUM_SUM, reverse);
    }

    public Expr cumProd() {
        return cumProd(false);
    }

    public Expr cumProd(boolean reverse) {
        return call(FunctionNames.CUM_PROD, reverse);
    }

    public Expr cumMin() {
        return cumMin(false);
    }

    public Expr cumMin(boolean reverse) {
        return call(FunctionNames.CUM_MIN, reverse);
    }

    public Expr cumMax() {
        return cumMax(false);
    }

    public Expr cumMax(boolean reverse) {
        return call(FunctionNames.CUM_MAX, reverse);
    }

    /** The number of non-null values so far. */
    public Expr cumCount() {
        return cumCount(false);
    }

    public Expr cumCount(boolean reverse) {
        return call(FunctionNames.CUM_COUNT, reverse);
    }

    /** The value one row earlier (null for the first row). */
    public Expr shift() {
        return shift(1);
    }

    /** The value {@code n} rows earlier ({@code -n} rows later when negative). */
    public Expr shift(long n) {
        return call(FunctionNames.SHIFT, n);
    }

    /** The value {@code n} rows earlier, or {@code fillValue} where there is none. */
    public Expr shift(long n, Object fillValue) {
        return call(FunctionNames.SHIFT, n, fillValue);
    }

    public Expr diff() {
        return diff(1);
    }

    /** This value minus the one {@code n} rows earlier. */
    public Expr diff(long n) {
        return call(FunctionNames.DIFF, n);
    }

    public Expr pctChange() {
        return pctChange(1);
    }

    /** This value over the one {@code n} rows earlier, minus one. */
    public Expr pctChange(long n) {
        return call(FunctionNames.PCT_CHANGE, n);
    }

    /** Whether no earlier row has this value. */
    public Expr isFirstDistinct() {
        return call(FunctionNames.IS_FIRST_DISTINCT);
    }

    /** Whether no later row has this value. */
    public Expr isLastDistinct() {
        return call(FunctionNames.IS_LAST_DISTINCT);
    }

    /** Nulls take the last non-null value before them. */
    public Expr forwardFill() {
        return call(FunctionNames.FORWARD_FILL);
    }

    /** Nulls take the last non-null value at most {@code limit} rows before them. */
    public Expr forwardFill(long limit) {
        return call(FunctionNames.FORWARD_FILL, limit);
    }

    /** Nulls take the next non-null value after them. */
    public Expr backwardFill() {
        return call(FunctionNames.BACKWARD_FILL);
    }

    public Expr backwardFill(long limit) {
        return call(FunctionNames.BACKWARD_FILL, limit);
    }

    /** The median of the {@code windowSize} rows ending at (or, {@code center}, around) each row. */
    public Expr rollingMedian(int windowSize, int minSamples, boolean center) {
        return call(FunctionNames.ROLLING_MEDIAN, windowSize, minSamples, center);
    }

    /** The {@code quantile} (Polars' {@code interpolation}) of the {@code windowSize} rows ending at (or around) each row. */
    public Expr rollingQuantile(double quantile, String interpolation, int windowSize, int minSamples, boolean center) {
        return call(FunctionNames.ROLLING_QUANTILE, windowSize, minSamples, center, quantile, interpolation);
    }

    /** Nulls on the straight line between the values around them. */
    public Expr interpolate() {
        return call(FunctionNames.INTERPOLATE);
    }

    /** The values in reverse order (of the frame, or of each window). */
    public Expr reverse() {
        return call(FunctionNames.REVERSE);
    }

    /** The number of the run of equal values each row is in, from 0. */
    public Expr rleId() {
        return call(FunctionNames.RLE_ID);
    }

    /** Over the {@code windowSize} rows ending at each row (all of them must be non-null). */
    public Expr rollingSum(int windowSize) {
        return rollingSum(windowSize, windowSize, false);
    }

    /** Over the {@code windowSize} rows ending at (or, {@code center}, around) each row, given {@code minSamples} non-null values. */
    public Expr rollingSum(int windowSize, int minSamples, boolean center) {
        return call(FunctionNames.ROLLING_SUM, windowSize, minSamples, center);
    }

    /** Over the {@code windowSize} rows ending at each row (all of them must be non-null). */
    public Expr rollingMean(int windowSize) {
        return rollingMean(windowSize, windowSize, false);
    }

    /** Over the {@code windowSize} rows ending at (or, {@code center}, around) each row, given {@code minSamples} non-null values. */
    public Expr rollingMean(int windowSize, int minSamples, boolean center) {
        return call(FunctionNames.ROLLING_MEAN, windowSize, minSamples, center);
    }

    /** Over the {@code windowSize} rows ending at each row (all of them must be non-null). */
    public Expr rollingMin(int windowSize) {
        return rollingMin(windowSize, windowSize, false);
    }

    /** Over the {@code windowSize} rows ending at (or, {@code center}, around) each row, given {@code minSamples} non-null values. */
    public Expr rollingMin(int windowSize, int minSamples, boolean center) {
        return call(FunctionNames.ROLLING_MIN, windowSize, minSamples, center);
    }

    /** Over the {@code windowSize} rows ending at each row (all of them must be non-null). */
    public Expr rollingMax(int windowSize) {
        return rollingMax(windowSize, windowSize, false);
    }

    /** Over the {@code windowSize} rows ending at (or, {@code center}, around) each row, given {@code minSamples} non-null values. */
    public Expr rollingMax(int windowSize, int minSamples, boolean center) {
        return call(FunctionNames.ROLLING_MAX, windowSize, minSamples, center);
    }

    public Expr rollingStd(int windowSize) {
        return rollingStd(windowSize, windowSize, false, 1);
    }

    public Expr rollingStd(int windowSize, int minSamples, boolean center, int ddof) {
        return call(FunctionNames.ROLLING_STD, windowSize, minSamples, center, ddof);
    }

    public Expr rollingVar(int windowSize) {
        return rollingVar(windowSize, windowSize, false, 1);
    }

    public Expr rollingVar(int windowSize, int minSamples, boolean center, int ddof) {
        return call(FunctionNames.ROLLING_VAR, windowSize, minSamples, center, ddof);
    }

    // ---- exponentially weighted and rolling-by functions (order-dependent) -----------------

    /** The exponentially weighted mean so far, values {@code i} rows back weighing {@code (1 - alpha)^i} (Polars' {@code ewm_mean}). */
    public Expr ewmMean(double alpha) {
        return ewmMean(alpha, true, 1, false);
    }

    public Expr ewmMean(double alpha, boolean adjust, int minSamples, boolean ignoreNulls) {
        return call(FunctionNames.EWM_MEAN, alpha, adjust, minSamples, ignoreNulls);
    }

    /** The exponentially weighted standard deviation so far (Polars' {@code ewm_std}). */
    public Expr ewmStd(double alpha) {
        return ewmStd(alpha, true, false, 1, false);
    }

    public Expr ewmStd(double alpha, boolean adjust, boolean bias, int minSamples, boolean ignoreNulls) {
        return call(FunctionNames.EWM_STD, alpha, adjust, bias, minSamples, ignoreNulls);
    }

    /** The exponentially weighted variance so far (Polars' {@code ewm_var}). */
    public Expr ewmVar(double alpha) {
        return ewmVar(alpha, true, false, 1, false);
    }

    public Expr ewmVar(double alpha, boolean adjust, boolean bias, int minSamples, boolean ignoreNulls) {
        return call(FunctionNames.EWM_VAR, alpha, adjust, bias, minSamples, ignoreNulls);
    }

    /** The exponentially weighted sum so far (Polars' {@code ewm_sum}). */
    public Expr ewmSum(double alpha) {
        return ewmSum(alpha, 1, false);
    }

    public Expr ewmSum(double alpha, int minSamples, boolean ignoreNulls) {
        return call(FunctionNames.EWM_SUM, alpha, minSamples, ignoreNulls);
    }

    /**
     * The sum over the rows whose {@code by} lies in the {@code windowSize} ({@code "2d"}, {@code "5i"})
     * ending at the row's, the end {@code closed} ("right", "left", "both", "none").
     */
    public Expr rollingSumBy(Object by, String windowSize) {
        return rollingSumBy(by, windowSize, 0, "right");
    }

    public Expr rollingSumBy(Object by, String windowSize, int minSamples, String closed) {
        return call(FunctionNames.ROLLING_SUM_BY, byColumn(by), windowSize, minSamples, closed);
    }

    public Expr rollingMeanBy(Object by, String windowSize) {
        return rollingMeanBy(by, windowSize, 1, "right");
    }

    public Expr rollingMeanBy(Object by, String windowSize, int minSamples, String closed) {
        return call(FunctionNames.ROLLING_MEAN_BY, byColumn(by), windowSize, minSamples, closed);
    }

    public Expr rollingMinBy(Object by, String windowSize) {
        return rollingMinBy(by, windowSize, 1, "right");
    }

    public Expr rollingMinBy(Object by, String windowSize, int minSamples, String closed) {
        return call(FunctionNames.ROLLING_MIN_BY, byColumn(by), windowSize, minSamples, closed);
    }

    public Expr rollingMaxBy(Object by, String windowSize) {
        return rollingMaxBy(by, windowSize, 1, "right");
    }

    public Expr rollingMaxBy(Object by, String windowSize, int minSamples, String closed) {
        return call(FunctionNames.ROLLING_MAX_BY, byColumn(by), windowSize, minSamples, closed);
    }

    public Expr rollingStdBy(Object by, String windowSize) {
        return rollingStdBy(by, windowSize, 1, "right", 1);
    }

    public Expr rollingStdBy(Object by, String windowSize, int minSamples, String closed, int ddof) {
        return call(FunctionNames.ROLLING_STD_BY, byColumn(by), windowSize, minSamples, closed, ddof);
    }

    public Expr rollingVarBy(Object by, String windowSize) {
        return rollingVarBy(by, windowSize, 1, "right", 1);
    }

    public Expr rollingVarBy(Object by, String windowSize, int minSamples, String closed, int ddof) {
        return call(FunctionNames.ROLLING_VAR_BY, byColumn(by), windowSize, minSamples, closed, ddof);
    }

    public Expr rollingMedianBy(Object by, String windowSize) {
        return rollingMedianBy(by, windowSize, 1, "right");
    }

    public Expr rollingMedianBy(Object by, String windowSize, int minSamples, String closed) {
        return call(FunctionNames.ROLLING_MEDIAN_BY, byColumn(by), windowSize, minSamples, closed);
    }

    public Expr rollingQuantileBy(Object by, String windowSize, double quantile) {
        return rollingQuantileBy(by, windowSize, quantile, "nearest", 1, "right");
    }

    public Expr rollingQuantileBy(Object by, String windowSize, double quantile, String interpolation, int minSamples,
                                  String closed) {
        return call(FunctionNames.ROLLING_QUANTILE_BY, byColumn(by), windowSize, minSamples, closed, quantile, interpolation);
    }

    /** The exponentially weighted mean so far in {@code by} order, a value's weight halving every {@code halfLife} ("4d", "2i"). */
    public Expr ewmMeanBy(Object by, String halfLife) {
        return call(FunctionNames.EWM_MEAN_BY, byColumn(by), halfLife);
    }

    /** A {@code by} argument: a name is a column, as in Polars. */
    private static Object byColumn(Object by) {
        return by instanceof String name ? Functions.col(name) : by;
    }

    /** Nulls on the straight line between the values around them, by the values of {@code by} (a column's name or an expression). */
    public Expr interpolateBy(Object by) {
        return call(FunctionNames.INTERPOLATE_BY, byColumn(by));
    }

    // ---- naming and types -----------------------------------------------------------------

    public Expr alias(String name) {
        return new Expr(new io.polaroid.engine.dsl.Expr.Alias(node, name));
    }

    /** Converts to {@code type}; as Polars, a value that does not convert fails the query. */
    public Expr cast(DataType type) {
        return new Expr(new io.polaroid.engine.dsl.Expr.Cast(node, type, true));
    }

    /** Converts to {@code type}; a value that does not convert fails the query, or, not {@code strict}, is null. */
    public Expr cast(DataType type, boolean strict) {
        return new Expr(new io.polaroid.engine.dsl.Expr.Cast(node, type, strict));
    }

    // ---- arithmetic -----------------------------------------------------------------------

    public Expr add(Object other) {
        return call(FunctionNames.ADD, other);
    }

    public Expr sub(Object other) {
        return call(FunctionNames.SUB, other);
    }

    public Expr mul(Object other) {
        return call(FunctionNames.MUL, other);
    }

    /** True division: integers give a float, as in Polars. */
    public Expr div(Object other) {
        return call(FunctionNames.TRUEDIV, other);
    }

    public Expr floordiv(Object other) {
        return call(FunctionNames.FLOORDIV, other);
    }

    /** Remainder with the sign of the divisor, as Python's {@code %}. */
    public Expr mod(Object other) {
        return call(FunctionNames.MOD, other);
    }

    public Expr neg() {
        return call(FunctionNames.NEG);
    }

    public Expr abs() {
        return call(FunctionNames.ABS);
    }

    /** Rounded to {@code decimals} places, halves to even (Polars' default mode). */
    public Expr round(int decimals) {
        return call(FunctionNames.ROUND, decimals);
    }

    /** Rounded to {@code decimals} places by {@code mode}: {@code "half_to_even"} or {@code "half_away_from_zero"}. */
    public Expr round(int decimals, String mode) {
        return call(FunctionNames.ROUND, decimals, mode);
    }

    // ---- comparison and logic -------------------------------------------------------------

    public Expr eq(Object other) {
        return call(FunctionNames.EQ, other);
    }

    public Expr ne(Object other) {
        return call(FunctionNames.NE, other);
    }

    public Expr lt(Object other) {
        return call(FunctionNames.LT, other);
    }

    public Expr le(Object other) {
        return call(FunctionNames.LE, other);
    }

    public Expr gt(Object other) {
        return call(FunctionNames.GT, other);
    }

    public Expr ge(Object other) {
        return call(FunctionNames.GE, other);
    }

    public Expr and(Object other) {
        return chain(FunctionNames.AND, other);
    }

    public Expr or(Object other) {
        return chain(FunctionNames.OR, other);
    }

    /**
     * {@code a.and(b).and(c)} as one {@code and(a, b, c)}: a chain built in a loop stays one call
     * wide instead of as deep as it is long (Python's {@code &} does the same); and/or are associative.
     */
    private Expr chain(String function, Object other) {
        List<io.polaroid.engine.dsl.Expr> terms = new ArrayList<>();
        for (io.polaroid.engine.dsl.Expr side : List.of(node, toNode(other))) {
            if (side instanceof io.polaroid.engine.dsl.Expr.Call c && c.function().equals(function)) {
                terms.addAll(c.args());
            } else {
                terms.add(side);
            }
        }
        return new Expr(new io.polaroid.engine.dsl.Expr.Call(function, terms));
    }

    // ---- numbers, as Polars: sqrt/exp/log/trigonometry give f64 ------------------------------

    public Expr sqrt() {
        return call(FunctionNames.SQRT);
    }

    public Expr cbrt() {
        return call(FunctionNames.CBRT);
    }

    public Expr exp() {
        return call(FunctionNames.EXP);
    }

    /** The natural logarithm. */
    public Expr log() {
        return call(FunctionNames.LOG);
    }

    public Expr log(double base) {
        return call(FunctionNames.LOG, base);
    }

    public Expr log10() {
        return call(FunctionNames.LOG10);
    }

    public Expr log1p() {
        return call(FunctionNames.LOG1P);
    }

    public Expr sin() {
        return call(FunctionNames.SIN);
    }

    public Expr cos() {
        return call(FunctionNames.COS);
    }

    public Expr tan() {
        return call(FunctionNames.TAN);
    }

    public Expr cot() {
        return call(FunctionNames.COT);
    }

    public Expr arcsin() {
        return call(FunctionNames.ARCSIN);
    }

    public Expr arccos() {
        return call(FunctionNames.ARCCOS);
    }

    public Expr arctan() {
        return call(FunctionNames.ARCTAN);
    }

    public Expr sinh() {
        return call(FunctionNames.SINH);
    }

    public Expr cosh() {
        return call(FunctionNames.COSH);
    }

    public Expr tanh() {
        return call(FunctionNames.TANH);
    }

    public Expr arcsinh() {
        return call(FunctionNames.ARCSINH);
    }

    public Expr arccosh() {
        return call(FunctionNames.ARCCOSH);
    }

    public Expr arctanh() {
        return call(FunctionNames.ARCTANH);
    }

    public Expr degrees() {
        return call(FunctionNames.DEGREES);
    }

    public Expr radians() {
        return call(FunctionNames.RADIANS);
    }

    // ---- compositions, as Polars defines them --------------------------------------------

    /** Whether any value is true, nulls ignored (false when there is none). */
    public Expr any() {
        return cast(DataType.INT8).max().eq(1).fillNull(false);
    }

    /** Whether every value is true, nulls ignored (true when there is none). */
    public Expr all() {
        return cast(DataType.INT8).min().eq(1).fillNull(true);
    }

    /** The number of nulls. */
    public Expr nullCount() {
        return isNull().cast(DataType.INT64).sum();
    }

    public Expr hasNulls() {
        return nullCount().gt(0);
    }

    /** NaN replaced by {@code value}; null stays null. */
    public Expr fillNan(Object value) {
        return Functions.when(isNan()).then(value).otherwise(this);
    }

    /** Whether the value occurs once in the column (null counts as a value). */
    public Expr isUnique() {
        return Functions.len().over(this).eq(1);
    }

    public Expr isDuplicated() {
        return Functions.len().over(this).gt(1);
    }

    /** Equality where two nulls are equal and a null never equals a value. */
    public Expr eqMissing(Object other) {
        Expr o = new Expr(toNode(other));
        return eq(o).fillNull(isNull().and(o.isNull()));
    }

    public Expr neMissing(Object other) {
        return eqMissing(other).not();
    }

    public Expr xor(Object other) {
        Expr o = new Expr(toNode(other));
        return or(o).and(and(o).not());
    }

    /** The dot product with {@code other}: the sum of the products. */
    public Expr dot(Object other) {
        return mul(other).sum();
    }

    public Expr floor() {
        return call(FunctionNames.FLOOR);
    }

    public Expr ceil() {
        return call(FunctionNames.CEIL);
    }

    public Expr sign() {
        return call(FunctionNames.SIGN);
    }

    /** {@code this ** exponent}: i64 for integers, else f64. */
    public Expr pow(Object exponent) {
        return call(FunctionNames.POW, exponent);
    }

    /** Values below {@code lower} become {@code lower}, above {@code upper} {@code upper}; a null bound is none. */
    public Expr clip(Object lower, Object upper) {
        return call(FunctionNames.CLIP, lower, upper);
    }

    public Expr isNan() {
        return call(FunctionNames.IS_NAN);
    }

    public Expr isNotNan() {
        return call(FunctionNames.IS_NOT_NAN);
    }

    public Expr isFinite() {
        return call(FunctionNames.IS_FINITE);
    }

    public Expr isInfinite() {
        return call(FunctionNames.IS_INFINITE);
    }

    /**
     * The values where {@code predicate} holds, for an aggregation: {@code col("a").filter(col("b").gt(1)).sum()}
     * (the others become null, which aggregations other than {@code len} skip).
     */
    public Expr filter(Object predicate) {
        return new Expr(new io.polaroid.engine.dsl.Expr.When(
                List.of(new io.polaroid.engine.dsl.Expr.Branch(toNode(predicate), node)), null));
    }

    /** The distinct values, in no particular order; as Polars, only alone in a {@code select}. */
    public Expr unique() {
        return call(FunctionNames.UNIQUE);
    }

    public Expr not() {
        return call(FunctionNames.NOT);
    }

    public Expr isNull() {
        return call(FunctionNames.IS_NULL);
    }

    public Expr isNotNull() {
        return call(FunctionNames.IS_NOT_NULL);
    }

    public Expr fillNull(Object value) {
        return call(FunctionNames.FILL_NULL, value);
    }

    /** Whether the value is one of {@code values} (literals). */
    public Expr isIn(Object... values) {
        return call(FunctionNames.IS_IN, values);
    }

    public Expr isIn(List<?> values) {
        return isIn(values.toArray());
    }

    /** {@code lower <= this <= upper}. */
    public Expr isBetween(Object lower, Object upper) {
        return call(FunctionNames.IS_BETWEEN, lower, upper);
    }

    /** {@code closed} is "both", "left", "right" or "none". */
    public Expr isBetween(Object lower, Object upper, String closed) {
        return call(FunctionNames.IS_BETWEEN, lower, upper, closed);
    }

    // ---- aggregations ---------------------------------------------------------------------

    public Expr sum() {
        return call(FunctionNames.SUM);
    }

    public Expr mean() {
        return call(FunctionNames.MEAN);
    }

    public Expr min() {
        return call(FunctionNames.MIN);
    }

    public Expr max() {
        return call(FunctionNames.MAX);
    }

    /** Non-null values. */
    public Expr count() {
        return call(FunctionNames.COUNT);
    }

    /** Rows, nulls included. */
    public Expr len() {
        // the rows of a row set (drop_nulls(), filter(), head(), ...) are its own; any other expression has the frame's
        List<io.polaroid.engine.dsl.Expr> of = io.polaroid.engine.dsl.ExprWalk.hasRowSet(node) ? List.of(node) : List.of();
        return new Expr(new io.polaroid.engine.dsl.Expr.Alias(
                new io.polaroid.engine.dsl.Expr.Call(FunctionNames.LEN, of), io.polaroid.engine.analyze.OutputNames.of(node)));
    }

    public Expr nUnique() {
        return call(FunctionNames.N_UNIQUE);
    }

    public Expr first() {
        return call(FunctionNames.FIRST);
    }

    public Expr last() {
        return call(FunctionNames.LAST);
    }

    public Expr median() {
        return call(FunctionNames.MEDIAN);
    }

    /** The {@code q} quantile (0 to 1), the nearest value as Polars' default. */
    public Expr quantile(double q) {
        return quantile(q, "nearest");
    }

    /** The {@code q} quantile with one of Polars' interpolations: nearest, lower, higher, midpoint, linear, equiprobable. */
    public Expr quantile(double q, String interpolation) {
        return call(FunctionNames.QUANTILE, q, interpolation);
    }

    /** Sample standard deviation (ddof 1). */
    public Expr std() {
        return call(FunctionNames.STD);
    }

    /** Sample variance (ddof 1). */
    public Expr var() {
        return call(FunctionNames.VAR);
    }

    /** The values of each group (of the whole frame in a select) as one list, in row order, nulls kept. */
    public Expr implode() {
        return call(FunctionNames.IMPLODE);
    }

    // ---- numbers (the engine's NumberFunctions) ------------------------------------------

    /** The number of 1 bits of an integer in its own width (Polars' u32 is i64). */
    public Expr bitwiseCountOnes() {
        return call(FunctionNames.BITWISE_COUNT_ONES);
    }

    /** The number of 0 bits of an integer in its own width. */
    public Expr bitwiseCountZeros() {
        return call(FunctionNames.BITWISE_COUNT_ZEROS);
    }

    /** The number of 1 bits before the first 0 from the most significant bit. */
    public Expr bitwiseLeadingOnes() {
        return call(FunctionNames.BITWISE_LEADING_ONES);
    }

    /** The number of 0 bits before the first 1 from the most significant bit. */
    public Expr bitwiseLeadingZeros() {
        return call(FunctionNames.BITWISE_LEADING_ZEROS);
    }

    /** The number of 1 bits before the first 0 from the least significant bit. */
    public Expr bitwiseTrailingOnes() {
        return call(FunctionNames.BITWISE_TRAILING_ONES);
    }

    /** The number of 0 bits before the first 1 from the least significant bit. */
    public Expr bitwiseTrailingZeros() {
        return call(FunctionNames.BITWISE_TRAILING_ZEROS);
    }

    /** The error function (f64; f32 of f32). */
    public Expr erf() {
        return call(FunctionNames.ERF);
    }

    /** The complementary error function, 1 - erf(x), accurate where erf(x) is near 1. */
    public Expr erfc() {
        return call(FunctionNames.ERFC);
    }

    /** The value rounded to {@code digits} significant figures (half away from zero), as Polars. */
    public Expr roundSigFigs(int digits) {
        return call(FunctionNames.ROUND_SIG_FIGS, digits);
    }

    /** The smallest value of this expression's type (-inf of floats). */
    public Expr lowerBound() {
        return call(FunctionNames.LOWER_BOUND);
    }

    public Expr upperBound() {
        return call(FunctionNames.UPPER_BOUND);
    }

    /** A date's days since 1970 (i32), a datetime's count of its unit (i64); other types as they are. */
    public Expr toPhysical() {
        return call(FunctionNames.TO_PHYSICAL);
    }

    /** Aggregation: the product of the values (1 for none); i64 of integers, floats as they are. */
    public Expr product() {
        return call(FunctionNames.PRODUCT);
    }

    /** Aggregation: the bitwise and of the integers (logical and of booleans); null for none. */
    public Expr bitwiseAnd() {
        return call(FunctionNames.BITWISE_AND);
    }

    /** Aggregation: the bitwise or of the integers (logical or of booleans); null for none. */
    public Expr bitwiseOr() {
        return call(FunctionNames.BITWISE_OR);
    }

    /** Aggregation: the bitwise exclusive or of the integers (of booleans); null for none. */
    public Expr bitwiseXor() {
        return call(FunctionNames.BITWISE_XOR);
    }

    /** Aggregation: the position (in row order, from 0) of the first smallest value; nulls skipped. */
    public Expr argMin() {
        return call(FunctionNames.ARG_MIN);
    }

    /** Aggregation: the position (in row order, from 0) of the first largest value; nulls skipped. */
    public Expr argMax() {
        return call(FunctionNames.ARG_MAX);
    }

    /** Aggregation: the {@code q} quantile, computed exactly as Polars' nearest, in the type of the values. */
    public Expr approxQuantile(double q) {
        return call(FunctionNames.APPROX_QUANTILE, q);
    }

    // ---- namespaces -----------------------------------------------------------------------

    // Row sets, as Polars: a column of their own length from the rows of the frame, the group or the window.

    /** The values in ascending order, nulls first (stable). */
    public Expr sort() {
        return sort(false, false);
    }

    public Expr sort(boolean descending, boolean nullsLast) {
        return call(FunctionNames.SORT, descending, nullsLast);
    }

    /** The values in the order of {@code by} (column names or expressions), ascending, nulls first. */
    public Expr sortBy(Object... by) {
        return sortBy(List.of(by), false, false);
    }

    public Expr sortBy(List<?> by, boolean descending, boolean nullsLast) {
        return call(FunctionNames.SORT_BY, sortKeys(by, descending, nullsLast));
    }

    /** The positions that would sort the values. */
    public Expr argSort() {
        return argSort(false, false);
    }

    public Expr argSort(boolean descending, boolean nullsLast) {
        return call(FunctionNames.ARG_SORT, descending, nullsLast);
    }

    public Expr head(long n) {
        return call(FunctionNames.HEAD, n);
    }

    public Expr tail(long n) {
        return call(FunctionNames.TAIL, n);
    }

    public Expr limit(long n) {
        return head(n);
    }

    /** The values from {@code offset} (negative: from the end) on. */
    public Expr slice(long offset) {
        return call(FunctionNames.SLICE, offset, null);
    }

    public Expr slice(long offset, long length) {
        return call(FunctionNames.SLICE, offset, length);
    }

    /** The {@code k} largest values, largest first. */
    public Expr topK(long k) {
        return call(FunctionNames.TOP_K, k);
    }

    public Expr bottomK(long k) {
        return call(FunctionNames.BOTTOM_K, k);
    }

    /** The values of the {@code k} rows where {@code by} is largest. */
    public Expr topKBy(Object by, long k) {
        return call(FunctionNames.TOP_K_BY, prepend(k, sortKeys(List.of(by), true, true)));
    }

    public Expr bottomKBy(Object by, long k) {
        return call(FunctionNames.BOTTOM_K_BY, prepend(k, sortKeys(List.of(by), false, true)));
    }

    /** The values at {@code indices} (negative: from the end). */
    public Expr gather(long... indices) {
        return call(FunctionNames.GATHER, java.util.Arrays.stream(indices).boxed().toArray());
    }

    public Expr gatherEvery(long n) {
        return gatherEvery(n, 0);
    }

    public Expr gatherEvery(long n, long offset) {
        return call(FunctionNames.GATHER_EVERY, n, offset);
    }

    public Expr dropNulls() {
        return call(FunctionNames.DROP_NULLS);
    }

    public Expr dropNans() {
        return call(FunctionNames.DROP_NANS);
    }

    /** The positions where this bool expression is true. */
    public Expr argTrue() {
        return call(FunctionNames.ARG_TRUE);
    }

    /** The values where {@code predicate} holds: fewer rows in a select, fewer values for an aggregation. */
    public Expr filter(Expr predicate) {
        return call(FunctionNames.FILTER, predicate);
    }

    private static Object[] sortKeys(List<?> by, boolean descending, boolean nullsLast) {
        List<Object> out = new ArrayList<>();
        for (Object key : by) {
            out.add(key instanceof String name ? Functions.col(name) : key);
            out.add(descending);
            out.add(nullsLast);
        }
        return out.toArray();
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] out = new Object[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    /** String functions: {@code col("name").str().contains("x")}. */
    public StringFunctions str() {
        return new StringFunctions(this);
    }

    /** The {@code list} namespace: functions of a list column. */
    public ListFunctions list() {
        return new ListFunctions(this);
    }

    /** The {@code bin} namespace: functions of a binary column. */
    public BinaryFunctions bin() {
        return new BinaryFunctions(this);
    }

    /** The {@code struct} namespace: functions of a struct column. */
    public StructFunctions struct() {
        return new StructFunctions(this);
    }

    /** Date and time functions: {@code col("d").dt().year()}. */
    public DateFunctions dt() {
        return new DateFunctions(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expr other && other.node.equals(node);
    }

    @Override
    public int hashCode() {
        return node.hashCode();
    }

    @Override
    public String toString() {
        return ExprFormatter.format(node);
    }
}
