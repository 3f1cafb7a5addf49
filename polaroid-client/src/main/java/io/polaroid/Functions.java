package io.polaroid;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Interval;
import io.polaroid.engine.types.Scalars;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The starting points of expressions, as Polars' {@code pl.col}, {@code pl.lit}, {@code pl.when}:
 * {@code import static io.polaroid.Functions.*;}
 */
public final class Functions {
    private Functions() {
    }

    /** A column by name; {@code col("*")} is every column. */
    public static Expr col(String name) {
        return new Expr(new io.polaroid.engine.dsl.Expr.Column(name));
    }

    /** Every column (in select, with_columns, group_by). */
    public static Expr all() {
        return col("*");
    }

    /**
     * A constant. Java ints, longs and doubles adapt their width to the expression they meet, as
     * Python numbers do in Polars; bytes, shorts and floats keep theirs. Also: String, Boolean,
     * LocalDate, LocalDateTime, Instant, BigDecimal, {@link Interval}, and null.
     */
    public static Expr lit(Object value) {
        if (value instanceof Expr e) {
            return e;
        }
        if (value instanceof Integer || value instanceof Long) {
            long v = ((Number) value).longValue();
            return new Expr(new io.polaroid.engine.dsl.Expr.Literal(v, v == (int) v ? DataType.INT32 : DataType.INT64, true));
        }
        if (value instanceof Double d) {
            return new Expr(new io.polaroid.engine.dsl.Expr.Literal(d, DataType.FLOAT64, true));
        }
        DataType type = Scalars.inferType(value);
        return new Expr(io.polaroid.engine.dsl.Expr.Literal.of(Scalars.normalize(value), type));
    }

    /** A typed null. */
    public static Expr nullOf(DataType type) {
        return new Expr(io.polaroid.engine.dsl.Expr.Literal.of(null, type));
    }

    /** A date literal from ISO text, e.g. {@code date("1994-01-01")}. */
    public static Expr date(String iso) {
        return lit(LocalDate.ofEpochDay(Scalars.parseDate(iso)));
    }

    public static Expr date(int year, int month, int day) {
        return lit(LocalDate.of(year, month, day));
    }

    /** An interval of whole days, to add to or subtract from dates. */
    public static Expr days(int days) {
        return lit(Interval.ofDays(days));
    }

    /** An interval of calendar months (the day is clamped to the end of shorter months). */
    public static Expr months(int months) {
        return lit(Interval.ofMonths(months));
    }

    public static Expr years(int years) {
        return lit(Interval.ofMonths(12 * years));
    }

    /** {@code when(cond).then(a).when(cond2).then(b).otherwise(c)}. */
    public static When when(Object condition) {
        return new When(List.of(), Expr.toNode(condition));
    }

    /** Rows of the group (or of the frame). */
    public static Expr len() {
        return new Expr(new io.polaroid.engine.dsl.Expr.Call(FunctionNames.LEN, List.of()));
    }

    /**
     * Row numbers: {@code intRange(0, len())} is Polars' {@code pl.int_range(pl.len())}, over the
     * frame or, with {@code over}, within each group; the one form whose length is the frame's.
     */
    public static Expr intRange(long start, Expr end) {
        return new Expr(new io.polaroid.engine.dsl.Expr.Call(FunctionNames.INT_RANGE, List.of(Expr.toNode(start), Expr.toNode(end))));
    }

    /** {@code intRange(0, end)}. */
    public static Expr intRange(Expr end) {
        return intRange(0, end);
    }

    // ---- Polars' module-level aggregations: sum("a") is col("a").sum() ----------------------

    public static Expr sum(String column) {
        return col(column).sum();
    }

    public static Expr mean(String column) {
        return col(column).mean();
    }

    public static Expr min(String column) {
        return col(column).min();
    }

    public static Expr max(String column) {
        return col(column).max();
    }

    public static Expr median(String column) {
        return col(column).median();
    }

    /** Non-null values of the column. */
    public static Expr count(String column) {
        return col(column).count();
    }

    public static Expr first(String column) {
        return col(column).first();
    }

    public static Expr last(String column) {
        return col(column).last();
    }

    public static Expr nUnique(String column) {
        return col(column).nUnique();
    }

    public static Expr std(String column) {
        return col(column).std();
    }

    public static Expr var(String column) {
        return col(column).var();
    }

    // ---- horizontal: one value per row across columns (names mean columns) ------------------

    /** The sum per row; nulls count as 0, as in Polars. */
    public static Expr sumHorizontal(Object... columns) {
        return horizontal(columns).stream().map(e -> e.fillNull(0)).reduce(Expr::add).orElseThrow();
    }

    /** The largest value per row, nulls ignored (null when all are). */
    public static Expr maxHorizontal(Object... columns) {
        return horizontal(columns).stream().reduce((a, b) -> when(a.isNull()).then(b)
                .when(b.isNull().or(a.ge(b))).then(a).otherwise(b)).orElseThrow();
    }

    public static Expr minHorizontal(Object... columns) {
        return horizontal(columns).stream().reduce((a, b) -> when(a.isNull()).then(b)
                .when(b.isNull().or(a.le(b))).then(a).otherwise(b)).orElseThrow();
    }

    /** The mean of the non-null values per row (null when all are). */
    public static Expr meanHorizontal(Object... columns) {
        List<Expr> values = horizontal(columns);
        Expr count = values.stream().map(e -> e.isNotNull().cast(DataType.INT64)).reduce(Expr::add).orElseThrow();
        Expr total = sumHorizontal(values.toArray()).cast(DataType.FLOAT64);
        return when(count.eq(0)).then(nullOf(DataType.FLOAT64)).otherwise(total.div(count));
    }

    /** Kleene AND across columns per row. */
    public static Expr allHorizontal(Object... columns) {
        return horizontal(columns).stream().reduce(Expr::and).orElseThrow();
    }

    public static Expr anyHorizontal(Object... columns) {
        return horizontal(columns).stream().reduce(Expr::or).orElseThrow();
    }

    private static List<Expr> horizontal(Object... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("a horizontal function needs at least one column or expression");
        }
        List<Expr> out = new java.util.ArrayList<>();
        for (Object c : columns) {
            out.add(c instanceof String name ? col(name) : c instanceof Expr e ? e : lit(c));
        }
        return out;
    }

    /** The first non-null value of the arguments, per row. */
    public static Expr coalesce(Object... values) {
        return new Expr(new io.polaroid.engine.dsl.Expr.Call(FunctionNames.COALESCE, nodes(values)));
    }

    /** The arguments concatenated as strings; null if any is null. */
    public static Expr concatStr(Object... values) {
        return new Expr(new io.polaroid.engine.dsl.Expr.Call(FunctionNames.CONCAT_STR, nodes(values)));
    }

    /** One list per row of lists and values (a value is a list of one), in order; null if a list is null. */
    public static Expr concatList(Object... values) {
        return new Expr(new io.polaroid.engine.dsl.Expr.Call(FunctionNames.CONCAT_LIST, nodes(values)));
    }

    /** A struct column of the values (a string names a column), its fields named as the columns they would make (Polars' pl.struct). */
    public static Expr struct(Object... values) {
        return StructFunctions.make(values);
    }

    /** Each value of a list, in {@code list().eval} and {@code list().filter} (Polars' pl.element()). */
    public static Expr element() {
        return col(io.polaroid.engine.dsl.ExprWalk.ELEMENT);
    }

    /** Parses an expression string such as {@code "price > 100 and symbol = 'AAPL'"}. */
    public static Expr expr(String text) {
        return new Expr(io.polaroid.engine.dsl.parse.ExprParser.parse(text));
    }

    static List<io.polaroid.engine.dsl.Expr> nodes(Object... values) {
        if (values.length == 0) {
            throw PolaroidException.invalidPlan("at least one value is needed");
        }
        List<io.polaroid.engine.dsl.Expr> out = new ArrayList<>();
        for (Object v : values) {
            out.add(Expr.toNode(v));
        }
        return out;
    }

    /** Business days (Monday to Friday) in {@code [start, end)}, negative when end comes first; a string names a column. */
    public static Expr businessDayCount(Object start, Object end) {
        return businessDayCount(start, end, BusinessDays.WEEKDAYS, List.of());
    }

    /** Business days in {@code [start, end)}: the days of {@code weekMask} (Monday first) that are not {@code holidays}. */
    public static Expr businessDayCount(Object start, Object end, boolean[] weekMask, List<LocalDate> holidays) {
        return lit(BusinessDays.column(start)).call(FunctionNames.BUSINESS_DAY_COUNT, BusinessDays.column(end),
                BusinessDays.mask(weekMask), BusinessDays.holidays(holidays));
    }

    /** Polars' {@code rolling_cov(a, b, window_size=...)}: every row of the window non-null, ddof 1. */
    public static Expr rollingCov(Object a, Object b, int windowSize) {
        return RollingPairs.cov(a, b, windowSize, windowSize, 1);
    }

    /** The covariance of the {@code windowSize} rows ending at each row, given {@code minSamples} non-null pairs. */
    public static Expr rollingCov(Object a, Object b, int windowSize, int minSamples, int ddof) {
        return RollingPairs.cov(a, b, windowSize, minSamples, ddof);
    }

    /** Polars' {@code rolling_corr(a, b, window_size=...)}: Pearson's correlation of each window. */
    public static Expr rollingCorr(Object a, Object b, int windowSize) {
        return RollingPairs.corr(a, b, windowSize, windowSize);
    }

    public static Expr rollingCorr(Object a, Object b, int windowSize, int minSamples) {
        return RollingPairs.corr(a, b, windowSize, minSamples);
    }
}
