package io.polaroid.engine.functions;

import static io.polaroid.engine.functions.FunctionDef.scalar;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.kernels.ChronoFormat;
import io.polaroid.engine.kernels.RowMapExpr;
import io.polaroid.engine.kernels.TextKernels;
import io.polaroid.engine.kernels.UserRegex;
import io.polaroid.engine.kernels.WallTimes;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TimeUnit;
import io.polaroid.engine.types.TypeKind;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * More of Polars' {@code str} namespace, computed value by value in Java: {@code to_titlecase},
 * {@code normalize}, {@code replace_many} and {@code extract_many} (literal patterns, as Polars'
 * Aho-Corasick), {@code extract_all}, {@code strptime} (chrono's format syntax); and
 * {@code dt.replace_time_zone}. Every argument after the first is a literal.
 */
final class StringMoreFunctions implements FunctionFamily {
    private static final DataType LIST_OF_STRINGS = DataType.list(DataType.UTF8);
    /** Formats tried in turn when {@code strptime} is given none (Polars infers one of these). */
    private static final List<String> DATETIME_FORMATS = List.of("%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y/%m/%dT%H:%M:%S%.f", "%Y/%m/%d %H:%M:%S%.f",
            "%Y/%m/%d %H:%M", "%Y/%m/%d");
    private static final List<String> DATE_FORMATS = List.of("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%d-%m-%Y", "%d/%m/%Y",
            "%d.%m.%Y");
    private static final Map<String, TimeUnit> UNITS = Map.of("ns", TimeUnit.NANOSECOND, "us", TimeUnit.MICROSECOND,
            "ms", TimeUnit.MILLISECOND);
    private static final Set<String> AMBIGUOUS = Set.of("raise", "earliest", "latest", "null");
    private static final Set<String> NON_EXISTENT = Set.of("raise", "null");

    @Override
    public String name() {
        return "strings_more";
    }

    @Override
    public List<FunctionDef> functions() {
        return List.of(
                scalar(FunctionNames.STR_TO_TITLECASE, "str.to_titlecase(s: str) -> str", "Expr.str.to_titlecase",
                        "Expr.str().toTitlecase", c -> {
                            c.arity(1);
                            return new BoundExpr.Call(ScalarFn.STR_TO_TITLECASE, List.of(c.string(c.arg(0))), DataType.UTF8);
                        }),
                scalar(FunctionNames.STR_NORMALIZE, "str.normalize(s: str, form: str lit (NFC, NFKC, NFD, NFKD)) -> str",
                        "Expr.str.normalize", "Expr.str().normalize", c -> {
                            c.arity(2);
                            String form = c.stringLiteral(c.arg(1), "form");
                            if (TextKernels.form(form) == null) {
                                throw c.invalid("form must be one of NFC, NFKC, NFD, NFKD, not '" + form + "'");
                            }
                            return call(c, ScalarFn.STR_NORMALIZE, DataType.UTF8, form);
                        }),
                scalar(FunctionNames.STR_REPLACE_MANY, "str.replace_many(s: str, ascii_case_insensitive: bool lit, leftmost:"
                        + " bool lit, pattern: str lit, replacement: str lit, ...) -> str", "Expr.str.replace_many",
                        "Expr.str().replaceMany", c -> many(c, ScalarFn.STR_REPLACE_MANY, DataType.UTF8)),
                scalar(FunctionNames.STR_EXTRACT_MANY, "str.extract_many(s: str, ascii_case_insensitive: bool lit, leftmost:"
                        + " bool lit, pattern: str lit, ...) -> list[str]", "Expr.str.extract_many", "Expr.str().extractMany",
                        c -> many(c, ScalarFn.STR_EXTRACT_MANY, LIST_OF_STRINGS)),
                scalar(FunctionNames.STR_FIND_MANY, "str.find_many(s: str, ascii_case_insensitive: bool lit, leftmost:"
                        + " bool lit, pattern: str lit, ...) -> list[i64] (UTF-8 byte offsets; Polars' u32)",
                        "Expr.str.find_many", "Expr.str().findMany", c -> many(c, ScalarFn.STR_FIND_MANY,
                                DataType.list(DataType.INT64))),
                scalar(FunctionNames.STR_EXTRACT_ALL, "str.extract_all(s: str, pattern: str lit) -> list[str]",
                        "Expr.str.extract_all", "Expr.str().extractAll", c -> {
                            c.arity(2);
                            String pattern = c.stringLiteral(c.arg(1), "pattern");
                            UserRegex.compile(pattern); // a bad pattern fails at analysis, named
                            return call(c, ScalarFn.STR_EXTRACT_ALL, LIST_OF_STRINGS, pattern);
                        }),
                scalar(FunctionNames.STR_STRPTIME, "str.strptime(s: str, kind: str lit (date, datetime), format: str lit"
                        + " ('' infers ISO), unit: str lit (ns, us, ms), time_zone: str lit ('' none), strict: bool lit,"
                        + " exact: bool lit, ambiguous: str lit) -> date | timestamp", "Expr.str.strptime",
                        "Expr.str().strptime", StringMoreFunctions::strptime),
                scalar(FunctionNames.DT_REPLACE_TIME_ZONE, "dt.replace_time_zone(x: timestamp, time_zone: str lit ('' none),"
                        + " ambiguous: str lit, non_existent: str lit) -> timestamp", "Expr.dt.replace_time_zone",
                        "Expr.dt().replaceTimeZone", StringMoreFunctions::replaceTimeZone),
                scalar(FunctionNames.DT_CONVERT_TIME_ZONE, "dt.convert_time_zone(x: timestamp, time_zone: str lit) -> timestamp"
                        + " (the same instant)", "Expr.dt.convert_time_zone", "Expr.dt().convertTimeZone", c -> {
                            c.arity(2);
                            DataType t = timestamp(c);
                            String zone = c.stringLiteral(c.arg(1), "time_zone");
                            if (zone(c, zone) == null) {
                                throw c.invalid("needs a time zone");
                            }
                            return call(c, ScalarFn.DT_CONVERT_TIME_ZONE, DataType.timestamp(t.unit(), zone), zone);
                        }),
                scalar(FunctionNames.DT_CAST_TIME_UNIT, "dt.cast_time_unit(x: timestamp, unit: str lit (ns, us, ms)) -> timestamp"
                        + " (rounded down, the time zone kept)", "Expr.dt.cast_time_unit", "Expr.dt().castTimeUnit", c -> {
                            c.arity(2);
                            DataType t = timestamp(c);
                            String unit = c.stringLiteral(c.arg(1), "time_unit");
                            if (!UNITS.containsKey(unit)) {
                                throw c.invalid("time_unit must be one of ns, us, ms, not '" + unit + "'");
                            }
                            return call(c, ScalarFn.DT_CAST_TIME_UNIT, DataType.timestamp(UNITS.get(unit), t.timeZone()), unit);
                        }),
                scalar(FunctionNames.DT_ROUND, "dt.round(x: date|timestamp, every: str lit) -> type of x (truncate(x +"
                        + " every / 2, every); a month counts 28 days, as in Polars)", "Expr.dt.round", "Expr.dt().round",
                        StringMoreFunctions::round));
    }

    /** Polars' length of one unit of {@code every} in nanoseconds, a month 28 days; -1 if not one unit. */
    static long nanosOf(String every) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ns|us|ms|s|m|h|d|w|mo|q|y)").matcher(every);
        if (!m.matches()) {
            return -1;
        }
        long day = 86_400_000_000_000L;
        long unit = switch (m.group(2)) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> day;
            case "w" -> 7 * day;
            case "mo" -> 28 * day;
            case "q" -> 3 * 28 * day;
            default -> 12 * 28 * day;
        };
        return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    }

    private static BoundExpr round(Binding c) {
        c.arity(2);
        DataType t = c.arg(0).type();
        if (!t.kind().isTemporal()) {
            throw c.mismatch(c.function() + " needs a date or timestamp, not " + t);
        }
        if (t.timeZone() != null) {
            throw c.invalid("is not supported yet on a timestamp with a time zone; replace_time_zone(None) first");
        }
        String every = c.stringLiteral(c.arg(1), "every");
        long nanos = nanosOf(every);
        if (nanos <= 0 || io.polaroid.engine.kernels.CalendarExpr.Every.parse(every) == null) {
            throw c.invalid("takes one unit of y, q, mo, w, d, h, m, s, ms, us or ns, as \"1mo\" or \"15m\", not \""
                    + every + "\"");
        }
        long half = nanos / 2;
        long day = 86_400_000_000_000L;
        io.polaroid.engine.types.Interval shift = t.kind() == TypeKind.DATE32
                ? io.polaroid.engine.types.Interval.ofDays(Math.toIntExact(half / day))
                : new io.polaroid.engine.types.Interval(0, 0, half);
        BoundExpr moved = new BoundExpr.Call(ScalarFn.ADD_INTERVAL, List.of(c.arg(0).expr(),
                new BoundExpr.Literal(shift, DataType.INTERVAL)), t);
        return new BoundExpr.Call(ScalarFn.DT_TRUNCATE, List.of(moved, c.arg(1).expr()), t);
    }

    private static DataType timestamp(Binding c) {
        DataType t = c.arg(0).type();
        if (t.kind() != TypeKind.TIMESTAMP) {
            throw c.mismatch(c.function() + " needs a datetime, not " + t);
        }
        return t;
    }

    private static BoundExpr call(Binding c, ScalarFn fn, DataType result, Object... params) {
        List<BoundExpr> args = new ArrayList<>(List.of(c.arg(0).expr()));
        for (Object p : params) {
            args.add(new BoundExpr.Literal(p, p instanceof Boolean ? DataType.BOOL : DataType.UTF8));
        }
        return new BoundExpr.Call(fn, args, result);
    }

    private static BoundExpr many(Binding c, ScalarFn fn, DataType result) {
        boolean replace = fn == ScalarFn.STR_REPLACE_MANY;
        int rest = c.size() - 3;
        if (rest < 1 || replace && rest % 2 != 0) {
            throw c.invalid(replace ? "takes a string, ascii_case_insensitive, leftmost and pairs of pattern and replacement"
                    : "takes a string, ascii_case_insensitive, leftmost and patterns");
        }
        List<BoundExpr> args = new ArrayList<>(List.of(c.string(c.arg(0)),
                new BoundExpr.Literal(c.boolLiteral(c.arg(1), "ascii_case_insensitive"), DataType.BOOL),
                new BoundExpr.Literal(c.boolLiteral(c.arg(2), "leftmost"), DataType.BOOL)));
        for (int i = 3; i < c.size(); i++) {
            String text = c.stringLiteral(c.arg(i), "a pattern or replacement");
            if (text.isEmpty() && (!replace || (i - 3) % 2 == 0)) {
                throw c.invalid("patterns must not be empty");
            }
            args.add(new BoundExpr.Literal(text, DataType.UTF8));
        }
        return new BoundExpr.Call(fn, args, result);
    }

    private static BoundExpr strptime(Binding c) {
        c.arity(8);
        BoundExpr s = c.string(c.arg(0));
        String kind = c.stringLiteral(c.arg(1), "kind");
        String format = c.stringLiteral(c.arg(2), "format");
        String unit = c.stringLiteral(c.arg(3), "unit");
        String zone = c.stringLiteral(c.arg(4), "time_zone");
        boolean strict = c.boolLiteral(c.arg(5), "strict");
        boolean exact = c.boolLiteral(c.arg(6), "exact");
        String ambiguous = c.stringLiteral(c.arg(7), "ambiguous");
        if (!kind.equals("date") && !kind.equals("datetime")) {
            throw c.invalid("kind must be date or datetime, not '" + kind + "'");
        }
        if (!UNITS.containsKey(unit)) {
            throw c.invalid("unit must be one of ns, us, ms, not '" + unit + "'");
        }
        if (!AMBIGUOUS.contains(ambiguous)) {
            throw c.invalid("ambiguous must be one of raise, earliest, latest, null, not '" + ambiguous + "'");
        }
        zone(c, zone);
        try {
            if (!format.isEmpty()) {
                ChronoFormat.compile(format);
            }
        } catch (IllegalArgumentException e) {
            throw c.invalid(e.getMessage());
        }
        DataType result = kind.equals("date") ? DataType.DATE32
                : DataType.timestamp(UNITS.get(unit), zone.isEmpty() ? null : zone);
        List<BoundExpr> args = new ArrayList<>(List.of(s));
        for (int i = 1; i < 8; i++) {
            args.add(c.arg(i).expr());
        }
        return new BoundExpr.Call(ScalarFn.STR_STRPTIME, args, result);
    }

    private static ZoneId zone(Binding c, String zone) {
        if (zone.isEmpty()) {
            return null;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw c.invalid("does not know the time zone '" + zone + "'");
        }
    }

    private static BoundExpr replaceTimeZone(Binding c) {
        c.arity(4);
        DataType t = timestamp(c);
        String zone = c.stringLiteral(c.arg(1), "time_zone");
        zone(c, zone);
        String ambiguous = c.stringLiteral(c.arg(2), "ambiguous");
        String nonExistent = c.stringLiteral(c.arg(3), "non_existent");
        if (!AMBIGUOUS.contains(ambiguous)) {
            throw c.invalid("ambiguous must be one of raise, earliest, latest, null, not '" + ambiguous + "'");
        }
        if (!NON_EXISTENT.contains(nonExistent)) {
            throw c.invalid("non_existent must be raise or null, not '" + nonExistent + "'");
        }
        return call(c, ScalarFn.DT_REPLACE_TIME_ZONE, DataType.timestamp(t.unit(), zone.isEmpty() ? null : zone), zone,
                ambiguous, nonExistent);
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        Map<ScalarFn, Kernel> kernels = new HashMap<>();
        kernels.put(ScalarFn.STR_TO_TITLECASE, (call, compile) -> map(call, compile, v -> TextKernels.titlecase((String) v)));
        kernels.put(ScalarFn.STR_NORMALIZE, (call, compile) -> {
            Normalizer.Form form = TextKernels.form((String) param(call, 1));
            return map(call, compile, v -> Normalizer.normalize((String) v, form));
        });
        Kernel many = (call, compile) -> {
            boolean ci = (Boolean) param(call, 1);
            boolean leftmost = (Boolean) param(call, 2);
            List<String> texts = new ArrayList<>();
            for (int i = 3; i < call.args().size(); i++) {
                texts.add((String) param(call, i));
            }
            if (call.fn() != ScalarFn.STR_REPLACE_MANY) {
                TextKernels.ManyPatterns patterns = new TextKernels.ManyPatterns(texts, ci, leftmost);
                return map(call, compile, call.fn() == ScalarFn.STR_EXTRACT_MANY ? v -> patterns.extract((String) v)
                        : v -> patterns.byteOffsets((String) v));
            }
            List<String> patterns = new ArrayList<>();
            List<String> replacements = new ArrayList<>();
            for (int i = 0; i < texts.size(); i += 2) {
                patterns.add(texts.get(i));
                replacements.add(texts.get(i + 1));
            }
            TextKernels.ManyPatterns matcher = new TextKernels.ManyPatterns(patterns, ci, leftmost);
            return map(call, compile, v -> matcher.replace((String) v, replacements));
        };
        kernels.put(ScalarFn.STR_REPLACE_MANY, many);
        kernels.put(ScalarFn.STR_EXTRACT_MANY, many);
        kernels.put(ScalarFn.STR_FIND_MANY, many);
        kernels.put(ScalarFn.STR_EXTRACT_ALL, (call, compile) -> {
            com.google.re2j.Pattern pattern = UserRegex.compile((String) param(call, 1));
            return map(call, compile, v -> TextKernels.extractAll(pattern, (String) v));
        });
        kernels.put(ScalarFn.STR_STRPTIME, (call, compile) -> map(call, compile, parser(call)));
        kernels.put(ScalarFn.DT_REPLACE_TIME_ZONE, (call, compile) -> {
            DataType from = call.args().get(0).type();
            ZoneId source = from.timeZone() == null ? null : ZoneId.of(from.timeZone());
            String target = (String) param(call, 1);
            ZoneId zone = target.isEmpty() ? null : ZoneId.of(target);
            String ambiguous = (String) param(call, 2);
            String nonExistent = (String) param(call, 3);
            return map(call, compile, v -> WallTimes.value(WallTimes.wallTime((Long) v, from.unit(), source), from.unit(),
                    zone, ambiguous, nonExistent));
        });
        kernels.put(ScalarFn.DT_CONVERT_TIME_ZONE, (call, compile) -> map(call, compile, v -> v));
        kernels.put(ScalarFn.DT_CAST_TIME_UNIT, (call, compile) -> {
            long from = call.args().get(0).type().unit().perSecond();
            long to = call.type().unit().perSecond();
            return map(call, compile, v -> to >= from ? Math.multiplyExact((Long) v, to / from) : Math.floorDiv((Long) v, from / to));
        });
        return kernels;
    }

    private static Object param(BoundExpr.Call call, int i) {
        return Kernel.literal(call.args().get(i));
    }

    private static RowMapExpr map(BoundExpr.Call call, java.util.function.Function<BoundExpr,
            io.polaroid.engine.kernels.PhysicalExpr> compile, Function<Object, Object> op) {
        return new RowMapExpr(call.fn().symbol(), compile.apply(call.args().get(0)), call.type(), op);
    }

    private static Function<Object, Object> parser(BoundExpr.Call call) {
        boolean date = param(call, 1).equals("date");
        String format = (String) param(call, 2);
        List<ChronoFormat> formats = (format.isEmpty() ? date ? DATE_FORMATS : DATETIME_FORMATS : List.of(format))
                .stream().map(ChronoFormat::compile).toList();
        TimeUnit unit = UNITS.get((String) param(call, 3));
        String zoneName = (String) param(call, 4);
        ZoneId zone = zoneName.isEmpty() ? null : ZoneId.of(zoneName);
        boolean strict = (Boolean) param(call, 5);
        boolean exact = (Boolean) param(call, 6);
        String ambiguous = (String) param(call, 7);
        DataType type = call.type();
        String column = io.polaroid.engine.expr.Exprs.sourceColumn(call.args().get(0));
        return v -> {
            String s = (String) v;
            ChronoFormat.Parsed parsed = null;
            for (ChronoFormat f : formats) {
                parsed = f.parse(s, exact);
                if (parsed != null) {
                    break;
                }
            }
            if (parsed == null) {
                if (strict) {
                    throw new PolaroidException(ErrorCode.INVALID_VALUE, "conversion from `str` to `" + type + "` failed"
                            + (column == null ? "" : " in column '" + column + "'") + " for the value \"" + s + "\""
                            + (format.isEmpty() ? "" : " with the format '" + format + "'")
                            + "; you might want to try: setting `strict=False` to set values that cannot be converted to"
                            + " null, or a different format");
                }
                return null;
            }
            if (date) {
                return (int) parsed.local().toLocalDate().toEpochDay();
            }
            if (parsed.offsetSeconds() != null) {
                LocalDateTime utc = parsed.local().minusSeconds(parsed.offsetSeconds());
                return WallTimes.value(utc, unit, ZoneOffset.UTC, "raise", "raise");
            }
            return WallTimes.value(parsed.local(), unit, zone, ambiguous, "raise");
        };
    }
}
