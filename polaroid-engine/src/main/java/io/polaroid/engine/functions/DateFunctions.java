package io.polaroid.engine.functions;

import static io.polaroid.engine.functions.FunctionDef.scalar;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.kernels.CalendarExpr;
import io.polaroid.engine.kernels.DatePartExpr;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parts of dates, timestamps and times in the {@code dt} namespace, as Polars numbers and types
 * them (the year i32, the day of the year i16, the others i8), and
 * the calendar windows: {@code truncate}, {@code month_start}, {@code month_end}.
 */
final class DateFunctions implements FunctionFamily {
    private static final Map<String, Long> SUBSECONDS = new java.util.TreeMap<>(Map.of(FunctionNames.DT_MILLISECOND,
            1_000L, FunctionNames.DT_MICROSECOND, 1_000_000L, FunctionNames.DT_NANOSECOND, 1_000_000_000L));
    private static final Map<String, ScalarFn> PARTS = Map.of(
            FunctionNames.DT_YEAR, ScalarFn.YEAR, FunctionNames.DT_QUARTER, ScalarFn.QUARTER,
            FunctionNames.DT_MONTH, ScalarFn.MONTH, FunctionNames.DT_DAY, ScalarFn.DAY,
            FunctionNames.DT_WEEKDAY, ScalarFn.WEEKDAY, FunctionNames.DT_ORDINAL_DAY, ScalarFn.ORDINAL_DAY,
            FunctionNames.DT_HOUR, ScalarFn.HOUR, FunctionNames.DT_MINUTE, ScalarFn.MINUTE, FunctionNames.DT_SECOND, ScalarFn.SECOND);

    /** SQL spellings of the parts that have one. */
    private static final Map<String, String> SQL = Map.of(FunctionNames.DT_YEAR, "year", FunctionNames.DT_QUARTER, "quarter",
            FunctionNames.DT_MONTH, "month", FunctionNames.DT_DAY, "day");

    @Override
    public String name() {
        return "dates";
    }

    @Override
    public List<FunctionDef> functions() {
        List<FunctionDef> out = new ArrayList<>();
        for (String name : PARTS.keySet().stream().sorted().toList()) {
            ScalarFn fn = PARTS.get(name);
            String method = name.substring("dt.".length());
            boolean timePart = fn == ScalarFn.HOUR || fn == ScalarFn.MINUTE || fn == ScalarFn.SECOND;
            FunctionDef def = scalar(name, name + "(x: " + (timePart ? "timestamp|time" : "date|timestamp") + ") -> " + polarsType(fn),
                    "Expr.dt." + method, "Expr.dt()." + camel(method), c -> part(c, fn, timePart));
            out.add(SQL.containsKey(name) ? def.sql(SQL.get(name)) : def);
        }
        out.add(scalar(FunctionNames.DT_TRUNCATE, "dt.truncate(x: date|timestamp, every: str lit) -> type of x (every: one"
                + " unit of y, q, mo, w, d, h, m, s, ms, us, ns, as \"1mo\" or \"15m\")", "Expr.dt.truncate",
                "Expr.dt().truncate", c -> calendar(c, ScalarFn.DT_TRUNCATE)));
        for (Map.Entry<String, Long> sub : SUBSECONDS.entrySet()) {
            String method = sub.getKey().substring("dt.".length());
            out.add(scalar(sub.getKey(), sub.getKey() + "(x: timestamp|time) -> i32 (the " + method + "s within the second)",
                    "Expr.dt." + method, "Expr.dt()." + method, c -> subsecond(c, sub.getValue())));
        }
        out.add(scalar(FunctionNames.DT_DATE, "dt.date(x: date|timestamp) -> date (in the column's time zone)",
                "Expr.dt.date", "Expr.dt().date", DateFunctions::date));
        out.add(scalar(FunctionNames.DT_MONTH_START, "dt.month_start(x: date|timestamp) -> type of x", "Expr.dt.month_start",
                "Expr.dt().monthStart", c -> calendar(c, ScalarFn.MONTH_START)));
        out.add(scalar(FunctionNames.DT_MONTH_END, "dt.month_end(x: date|timestamp) -> type of x", "Expr.dt.month_end",
                "Expr.dt().monthEnd", c -> calendar(c, ScalarFn.MONTH_END)));
        return out;
    }

    private static BoundExpr calendar(Binding c, ScalarFn fn) {
        c.arity(fn == ScalarFn.DT_TRUNCATE ? 2 : 1);
        DataType t = c.arg(0).type();
        if (t.kind() == TypeKind.NULL) {
            return new BoundExpr.Literal(null, DataType.DATE32);
        }
        if (!t.kind().isTemporal()) {
            throw c.mismatch(c.function() + " needs a date or timestamp, not " + t);
        }
        CalendarExpr.Every every = null;
        if (fn == ScalarFn.DT_TRUNCATE) {
            String text = c.stringLiteral(c.arg(1), "every");
            every = CalendarExpr.Every.parse(text);
            if (every == null) {
                throw c.invalid("takes one unit of y, q, mo, w, d, h, m, s, ms, us or ns, as \"1mo\" or \"15m\", not \""
                        + text + "\"");
            }
        }
        boolean zoned = t.timeZone() != null;
        // Polars works on a zoned timestamp's local calendar: drop the zone, do it, put the zone back
        List<BoundExpr> args = new ArrayList<>(List.of(zoned ? WallClock.local(c.arg(0).expr(), t) : c.arg(0).expr()));
        if (every != null) {
            args.add(c.arg(1).expr());
        }
        DataType naive = zoned ? DataType.timestamp(t.unit(), null) : t;
        BoundExpr result = new BoundExpr.Call(fn, args, naive);
        return zoned ? WallClock.zoned(result, c.arg(0).expr(), t) : result;
    }

    /** The fraction of the second of a timestamp or time of day, in units of which a second has {@code perSecond}. */
    private static BoundExpr subsecond(Binding c, long perSecond) {
        c.arity(1);
        DataType t = c.arg(0).type();
        if (t.kind() == TypeKind.NULL) {
            return new BoundExpr.Literal(null, DataType.INT32);
        }
        if (t.kind() != TypeKind.TIMESTAMP && t.kind() != TypeKind.TIME) {
            throw c.mismatch(c.function() + " needs a timestamp or time, not " + t);
        }
        long held = t.kind() == TypeKind.TIME ? 1_000_000_000L : t.unit().perSecond();
        BoundExpr count = TypeCoercion.castTo(c.arg(0).expr(), DataType.INT64);
        BoundExpr within = arithmetic(ScalarFn.MOD, count, held);  // floored: before 1970 too
        BoundExpr scaled = perSecond >= held ? arithmetic(ScalarFn.MUL, within, perSecond / held)
                : arithmetic(ScalarFn.FLOORDIV, within, held / perSecond);
        return TypeCoercion.castTo(scaled, DataType.INT32);
    }

    private static BoundExpr arithmetic(ScalarFn fn, BoundExpr x, long by) {
        return new BoundExpr.Call(fn, List.of(x, new BoundExpr.Literal(by, DataType.INT64)), DataType.INT64);
    }

    /** {@code dt.date()}: the date in the column's zone (a cast to Date takes the UTC date). */
    private static BoundExpr date(Binding c) {
        c.arity(1);
        DataType t = c.arg(0).type();
        if (t.kind() != TypeKind.DATE32 && t.kind() != TypeKind.TIMESTAMP && t.kind() != TypeKind.NULL) {
            throw c.mismatch("dt.date needs a date or timestamp, not " + t);
        }
        BoundExpr x = t.timeZone() != null ? WallClock.local(c.arg(0).expr(), t) : c.arg(0).expr();
        return TypeCoercion.castTo(x, DataType.DATE32);
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        Kernel part = (call, compile) -> new DatePartExpr(call.fn(), compile.apply(call.args().get(0)));
        Map<ScalarFn, Kernel> kernels = new java.util.EnumMap<>(ScalarFn.class);
        for (ScalarFn fn : PARTS.values()) {
            kernels.put(fn, part);
        }
        Kernel calendar = (call, compile) -> new CalendarExpr(call.fn(), compile.apply(call.args().get(0)),
                call.fn() == ScalarFn.DT_TRUNCATE
                        ? CalendarExpr.Every.parse((String) ((BoundExpr.Literal) call.args().get(1)).value()) : null);
        for (ScalarFn fn : List.of(ScalarFn.DT_TRUNCATE, ScalarFn.MONTH_START, ScalarFn.MONTH_END)) {
            kernels.put(fn, calendar);
        }
        kernels.put(ScalarFn.DT_ZONED_FROM_LOCAL, (call, compile) -> new io.polaroid.engine.kernels.ZonedFromLocalExpr(
                compile.apply(call.args().get(0)), compile.apply(call.args().get(1)), call.type()));
        return kernels;
    }

    private static BoundExpr part(Binding c, ScalarFn fn, boolean timePart) {
        c.arity(1);
        DataType t = c.arg(0).type();
        if (t.kind() == TypeKind.NULL) {
            return new BoundExpr.Literal(null, polarsType(fn));
        }
        if (timePart && t.kind() == TypeKind.TIME) {
            return TypeCoercion.castTo(timeOfDayPart(fn, c.arg(0).expr()), polarsType(fn));
        }
        if (!t.kind().isTemporal()) {
            throw c.mismatch(c.function() + " needs a date or timestamp" + (timePart ? " or time" : "") + ", not " + t);
        }
        if (timePart && t.kind() == TypeKind.DATE32) {
            throw c.mismatch(c.function() + " needs a timestamp, not a date");
        }
        return TypeCoercion.castTo(new BoundExpr.Call(fn, List.of(c.arg(0).expr()), DataType.INT32), polarsType(fn));
    }

    /** Polars' type of a part: the year i32, the day of the year i16, the others i8. */
    private static DataType polarsType(ScalarFn part) {
        return switch (part) {
            case YEAR -> DataType.INT32;
            case ORDINAL_DAY -> DataType.INT16;
            default -> DataType.INT8;
        };
    }

    /** The hour, minute or second of a time of day, from its nanoseconds since midnight. */
    private static BoundExpr timeOfDayPart(ScalarFn fn, BoundExpr time) {
        long unit = switch (fn) {
            case HOUR -> 3_600_000_000_000L;
            case MINUTE -> 60_000_000_000L;
            default -> 1_000_000_000L;
        };
        BoundExpr count = new BoundExpr.Call(ScalarFn.FLOORDIV, List.of(TypeCoercion.castTo(time, DataType.INT64),
                new BoundExpr.Literal(unit, DataType.INT64)), DataType.INT64);
        if (fn != ScalarFn.HOUR) {
            count = new BoundExpr.Call(ScalarFn.MOD, List.of(count, new BoundExpr.Literal(60L, DataType.INT64)), DataType.INT64);
        }
        return count;
    }

    static String camel(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char ch : snake.toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return out.toString();
    }
}
