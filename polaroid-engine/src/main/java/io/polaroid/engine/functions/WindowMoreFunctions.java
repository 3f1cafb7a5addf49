package io.polaroid.engine.functions;

import io.polaroid.engine.expr.Quantile;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.expr.WindowCall;
import io.polaroid.engine.expr.WindowFn;
import io.polaroid.engine.expr.WindowOptions;
import io.polaroid.engine.functions.TypeCoercion.Arg;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * More of Polars' order-dependent functions, computed by the window operator as {@link
 * WindowFunctions}' are: the exponentially weighted {@code ewm_mean/std/var/sum}, the rolling
 * functions over a period of a {@code by} column ({@code rolling_sum_by}, ...) and
 * {@code interpolate_by}. Their types follow Polars: floats keep float32, other numbers give
 * float64; sums keep int32 and float types, other integers give int64; min and max keep the type.
 */
final class WindowMoreFunctions implements FunctionFamily {
    private static final List<WindowFn> EWM = List.of(WindowFn.EWM_MEAN, WindowFn.EWM_STD, WindowFn.EWM_VAR, WindowFn.EWM_SUM);
    private static final List<WindowFn> BY = List.of(WindowFn.ROLLING_SUM_BY, WindowFn.ROLLING_MEAN_BY,
            WindowFn.ROLLING_MIN_BY, WindowFn.ROLLING_MAX_BY, WindowFn.ROLLING_STD_BY, WindowFn.ROLLING_VAR_BY,
            WindowFn.ROLLING_MEDIAN_BY, WindowFn.ROLLING_QUANTILE_BY);
    /** A Polars duration: a number and a unit, repeated ({@code "1d12h"}), or a number of rows of an integer column ({@code "3i"}). */
    private static final Pattern PART = Pattern.compile("(\\d+)(ns|us|ms|mo|s|m|h|d|w|q|y|i)");
    private static final long DAY = 86_400_000_000_000L;

    @Override
    public String name() {
        return "windows-more";
    }

    @Override
    public List<FunctionDef> functions() {
        List<FunctionDef> out = new ArrayList<>();
        for (WindowFn fn : EWM) {
            String options = switch (fn) {
                case EWM_MEAN -> "adjust: bool lit = true, ";
                case EWM_SUM -> "";
                default -> "adjust: bool lit = true, bias: bool lit = false, ";
            };
            out.add(def(fn, fn.wireName() + "(x, alpha: float lit, " + options
                    + "min_samples: int lit = 1, ignore_nulls: bool lit = false) -> f64 (f32 of f32)"));
        }
        for (WindowFn fn : BY) {
            String extra = fn == WindowFn.ROLLING_STD_BY || fn == WindowFn.ROLLING_VAR_BY ? ", ddof: int lit = 1"
                    : fn == WindowFn.ROLLING_QUANTILE_BY ? ", quantile: float lit, interpolation: str lit = 'nearest'" : "";
            String result = switch (fn) {
                case ROLLING_SUM_BY -> "i32 | i64 | f32 | f64";
                case ROLLING_MIN_BY, ROLLING_MAX_BY -> "type of x";
                default -> "f64 (f32 of f32)";
            };
            out.add(def(fn, fn.wireName() + "(x, by: int | date | datetime, window_size: str lit ('2d', '3h', '5i'),"
                    + " min_samples: int lit, closed: str lit = 'right'" + extra + ") -> " + result));
        }
        out.add(def(WindowFn.EWM_MEAN_BY, "ewm_mean_by(x, by: int | date | datetime, half_life: str lit ('4d', '3h', '2i'))"
                + " -> f64 (f32 of f32)"));
        out.add(def(WindowFn.INTERPOLATE_BY, "interpolate_by(x, by: int | date | datetime) -> f64 (f32 of f32)"));
        return out;
    }

    private static FunctionDef def(WindowFn fn, String signature) {
        return new FunctionDef(fn.wireName(), FunctionDef.Kind.WINDOW, List.of(), signature, "Expr." + fn.wireName(), true,
                "Expr." + DateFunctions.camel(fn.wireName()), null);
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        return Map.of();
    }

    /** Binds a call of one of these functions ({@code b} holds the resolved arguments, the value first). */
    static WindowCall resolve(Binding b, WindowFn fn) {
        Arg x = b.arg(0);
        DataType t = x.type();
        if (EWM.contains(fn)) {
            return ewm(b, fn, x, t);
        }
        if (b.size() < 2) {
            throw b.invalid("needs a `by` column");
        }
        Arg by = b.arg(1);
        TypeKind k = t.kind();
        boolean extremes = fn == WindowFn.ROLLING_MIN_BY || fn == WindowFn.ROLLING_MAX_BY;
        if (!(k.isInteger() || k.isFloat() || k == TypeKind.NULL || extremes && k.isTemporal())) {
            throw b.mismatch(fn.wireName() + " needs integers or floats, not " + t);
        }
        TypeKind byKind = by.type().kind();
        if (!(byKind.isInteger() || byKind.isTemporal())) {
            throw b.mismatch(fn.wireName() + " needs a `by` column of integers, dates or datetimes, not " + by.type());
        }
        DataType floating = k == TypeKind.FLOAT32 ? DataType.FLOAT32 : DataType.FLOAT64;
        if (fn == WindowFn.EWM_MEAN_BY) {
            b.arity(3);
            Duration halfLife = Duration.parse(b, "half_life", b.stringLiteral(b.arg(2), "half_life"));
            if (halfLife.rows() && !byKind.isInteger() || halfLife.period() <= 0) {
                throw b.invalid("half_life must be a positive duration ('4d', '3h'), in 'i' only for a `by` column of integers");
            }
            return new WindowCall(fn, x.expr(), 0, false, null, null, floating, null, by.expr(),
                    new WindowOptions.ByWindow(halfLife.period(), scale(b, fn, by.type()), true, true, 1, 0, null));
        }
        if (fn == WindowFn.INTERPOLATE_BY) {
            b.arity(2);
            return new WindowCall(fn, x.expr(), 0, false, null, null, floating, null, by.expr(), null);
        }
        int maxArgs = fn == WindowFn.ROLLING_QUANTILE_BY ? 7 : fn == WindowFn.ROLLING_STD_BY || fn == WindowFn.ROLLING_VAR_BY ? 6 : 5;
        if (b.size() > maxArgs || !b.given(2)) {
            throw b.invalid("takes x, by, window_size, min_samples, closed and its options (at most " + maxArgs + " arguments)");
        }
        WindowOptions.ByWindow window = byWindow(b, fn, by.type(), b.stringLiteral(b.arg(2), "window_size"));
        DataType result = switch (fn) {
            case ROLLING_SUM_BY -> k == TypeKind.INT32 || k.isFloat() ? t : DataType.INT64;
            case ROLLING_MIN_BY, ROLLING_MAX_BY -> k == TypeKind.NULL ? DataType.INT64 : t;
            default -> floating;
        };
        return new WindowCall(fn, x.expr(), 0, false, null, null, result, null, by.expr(), window);
    }

    /** A Polars duration in nanoseconds (in rows with 'i'), and whether it counts rows or calendar units. */
    private record Duration(long period, boolean rows, boolean calendar) {
        static Duration parse(Binding b, String what, String size) {
            Matcher m = PART.matcher(size);
            long period = 0;
            int end = 0;
            boolean rows = false;
            boolean calendar = false;
            while (m.find() && m.start() == end) {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2);
                rows |= unit.equals("i");
                calendar |= unit.equals("mo") || unit.equals("q") || unit.equals("y");
                long per = switch (unit) {
                    case "w" -> 7 * DAY;
                    case "d" -> DAY;
                    case "h" -> 3_600_000_000_000L;
                    case "m" -> 60_000_000_000L;
                    case "s" -> 1_000_000_000L;
                    case "ms" -> 1_000_000L;
                    case "us" -> 1_000L;
                    default -> 1L;
                };
                period = Math.addExact(period, Math.multiplyExact(n, per));
                end = m.end();
            }
            if (end != size.length() || size.isEmpty()) {
                throw b.invalid(what + " must be a Polars duration such as '2d', '3h30m' or '5i', not '" + size + "'");
            }
            if (calendar) {
                throw b.invalid(what + " '" + size + "': calendar months, quarters and years are not supported;"
                        + " give days, hours or shorter units");
            }
            return new Duration(period, rows, calendar);
        }
    }

    /** Nanoseconds per unit of a {@code by} column: a day of dates, a timestamp's unit; 1 for integers. */
    private static long scale(Binding b, WindowFn fn, DataType byType) {
        if (byType.kind() == TypeKind.TIMESTAMP && byType.timeZone() != null) {
            throw b.mismatch(fn.wireName() + " over a datetime with a time zone (" + byType + ") is not supported;"
                    + " convert it with dt.replace_time_zone(None) first");
        }
        return switch (byType.kind()) {
            case DATE32 -> DAY;
            case TIMESTAMP -> 1_000_000_000L / byType.unit().perSecond();
            default -> 1;
        };
    }

    private static WindowOptions.ByWindow byWindow(Binding b, WindowFn fn, DataType byType, String size) {
        Duration duration = Duration.parse(b, "window_size", size);
        boolean rows = duration.rows();
        long period = duration.period();
        boolean integers = byType.kind().isInteger();
        if (rows != integers || rows && !size.matches("\\d+i")) {
            throw b.invalid(integers ? "window_size must be a number of 'i' ('5i') for a `by` column of integers, not '" + size + "'"
                    : "window_size must be a duration ('2d', '3h') for a `by` column of " + byType + ", not '" + size + "'");
        }
        long scale = scale(b, fn, byType);
        int minSamples = b.given(3) ? b.intLiteral(b.arg(3), "min_samples") : fn == WindowFn.ROLLING_SUM_BY ? 0 : 1;
        String closed = b.given(4) ? b.stringLiteral(b.arg(4), "closed") : "right";
        if (!List.of("right", "left", "both", "none").contains(closed)) {
            throw b.invalid("closed must be one of 'right', 'left', 'both', 'none', not '" + closed + "'");
        }
        boolean spread = fn == WindowFn.ROLLING_STD_BY || fn == WindowFn.ROLLING_VAR_BY;
        int ddof = spread && b.given(5) ? b.intLiteral(b.arg(5), "ddof") : 1;
        Quantile quantile = fn == WindowFn.ROLLING_MEDIAN_BY ? Quantile.MEDIAN
                : fn == WindowFn.ROLLING_QUANTILE_BY ? WindowFunctions.rollingQuantileAt(b, 5) : null;
        if (minSamples < 0 || ddof < 0) {
            throw b.invalid("needs a min_samples and a ddof of at least 0");
        }
        return new WindowOptions.ByWindow(period, scale, closed.equals("left") || closed.equals("both"),
                closed.equals("right") || closed.equals("both"), minSamples, ddof, quantile);
    }

    private static WindowCall ewm(Binding b, WindowFn fn, Arg x, DataType t) {
        List<String> names = switch (fn) {
            case EWM_MEAN -> List.of("alpha", "adjust", "min_samples", "ignore_nulls");
            case EWM_SUM -> List.of("alpha", "min_samples", "ignore_nulls");
            default -> List.of("alpha", "adjust", "bias", "min_samples", "ignore_nulls");
        };
        if (b.size() > names.size() + 1) {
            throw b.invalid("takes x, " + String.join(", ", names) + " (" + (names.size() + 1) + " arguments), got " + b.size());
        }
        if (!b.given(1) || !b.arg(1).isLiteral() || !(b.arg(1).literalValue() instanceof Number a)
                || !(a.doubleValue() > 0 && a.doubleValue() <= 1)) {
            throw b.invalid("needs an alpha in (0, 1] (or com, span, half_life) as a number");
        }
        boolean adjust = true;
        boolean bias = false;
        int minSamples = 1;
        boolean ignoreNulls = false;
        for (int i = 1; i < names.size(); i++) {
            if (!b.given(i + 1)) {
                continue;
            }
            switch (names.get(i)) {
                case "adjust" -> adjust = b.boolLiteral(b.arg(i + 1), "adjust");
                case "bias" -> bias = b.boolLiteral(b.arg(i + 1), "bias");
                case "min_samples" -> minSamples = b.intLiteral(b.arg(i + 1), "min_samples");
                default -> ignoreNulls = b.boolLiteral(b.arg(i + 1), "ignore_nulls");
            }
        }
        TypeKind k = t.kind();
        if (!(k.isInteger() || k.isFloat() || k == TypeKind.NULL)) {
            throw b.mismatch(fn.wireName() + " needs integers or floats, not " + t);
        }
        return new WindowCall(fn, x.expr(), 0, false, null, null, k == TypeKind.FLOAT32 ? DataType.FLOAT32 : DataType.FLOAT64,
                null, null, new WindowOptions.Ewm(a.doubleValue(), adjust, bias, minSamples, ignoreNulls));
    }
}
