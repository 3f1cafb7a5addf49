package io.polaroid.engine.functions;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.expr.Placement;
import io.polaroid.engine.expr.Quantile;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.expr.WindowCall;
import io.polaroid.engine.expr.WindowFn;
import io.polaroid.engine.expr.WindowFn.RankMethod;
import io.polaroid.engine.functions.TypeCoercion.Arg;
import io.polaroid.engine.types.Casts;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The order-dependent functions (Polars' {@code rank}, {@code cum_*}, {@code shift}, {@code diff},
 * ...): each row's value comes from the rows of its window in order, the whole frame in row order
 * unless inside {@code over(partition_by, order_by=)}. The window operator computes them; their
 * types follow Polars, except that Polars' u32 ranks and counts are i64 here, and integer sums,
 * products and differences that overflow fail instead of wrapping around.
 */
final class WindowFunctions implements FunctionFamily {
    @Override
    public String name() {
        return "windows";
    }

    @Override
    public List<FunctionDef> functions() {
        List<FunctionDef> out = new ArrayList<>();
        out.add(def(WindowFn.RANK, "rank(x, method: str lit = 'average', descending: bool lit = false)"
                + " -> f64 (average) | i64; nulls get null", "Expr.rank", "Expr.rank"));
        for (WindowFn fn : List.of(WindowFn.CUM_SUM, WindowFn.CUM_PROD, WindowFn.CUM_MIN, WindowFn.CUM_MAX, WindowFn.CUM_COUNT)) {
            String result = switch (fn) {
                case CUM_SUM -> "i64 | i32 | f32 | f64 | decimal(38, s) (as Polars)";
                case CUM_PROD -> "i64 | f32 | f64";
                case CUM_COUNT -> "i64 (non-null values so far)";
                default -> "type of x";
            };
            out.add(def(fn, fn.wireName() + "(x, reverse: bool lit = false) -> " + result, "Expr." + fn.wireName(),
                    "Expr." + DateFunctions.camel(fn.wireName())));
        }
        out.add(def(WindowFn.SHIFT, "shift(x, n: int lit = 1, fill_value: lit = null) -> type of x", "Expr.shift", "Expr.shift"));
        out.add(def(WindowFn.DIFF, "diff(x, n: int lit = 1) -> type of x (numbers; decimal(38, s))", "Expr.diff", "Expr.diff"));
        out.add(def(WindowFn.PCT_CHANGE, "pct_change(x, n: int lit = 1) -> f64", "Expr.pct_change", "Expr.pctChange"));
        out.add(def(WindowFn.IS_FIRST_DISTINCT, "is_first_distinct(x) -> bool", "Expr.is_first_distinct", "Expr.isFirstDistinct"));
        out.add(def(WindowFn.IS_LAST_DISTINCT, "is_last_distinct(x) -> bool", "Expr.is_last_distinct", "Expr.isLastDistinct"));
        out.add(def(WindowFn.FORWARD_FILL, "forward_fill(x, limit: int lit = null) -> type of x", "Expr.forward_fill",
                "Expr.forwardFill"));
        out.add(def(WindowFn.BACKWARD_FILL, "backward_fill(x, limit: int lit = null) -> type of x", "Expr.backward_fill",
                "Expr.backwardFill"));
        out.add(def(WindowFn.REVERSE, "reverse(x) -> type of x", "Expr.reverse", "Expr.reverse"));
        out.add(def(WindowFn.RLE_ID, "rle_id(x) -> i64 (the run of equal values, from 0)", "Expr.rle_id", "Expr.rleId"));
        for (WindowFn fn : List.of(WindowFn.ROLLING_SUM, WindowFn.ROLLING_MEAN, WindowFn.ROLLING_MIN, WindowFn.ROLLING_MAX,
                WindowFn.ROLLING_STD, WindowFn.ROLLING_VAR, WindowFn.ROLLING_MEDIAN, WindowFn.ROLLING_QUANTILE)) {
            boolean spread = fn == WindowFn.ROLLING_STD || fn == WindowFn.ROLLING_VAR;
            String extra = spread ? ", ddof: int lit = 1" : fn == WindowFn.ROLLING_QUANTILE
                    ? ", quantile: float lit, interpolation: str lit = 'nearest'" : "";
            String result = switch (fn) {
                case ROLLING_SUM -> "as cum_sum";
                case ROLLING_MIN, ROLLING_MAX -> "type of x";
                default -> "f64";
            };
            out.add(def(fn, fn.wireName() + "(x, window_size: int lit, min_samples: int lit = window_size,"
                    + " center: bool lit = false" + extra + ") -> " + result,
                    "Expr." + fn.wireName(), "Expr." + DateFunctions.camel(fn.wireName())));
        }
        out.add(def(WindowFn.INTERPOLATE, "interpolate(x) -> f64 (f32 of f32)", "Expr.interpolate", "Expr.interpolate"));
        out.add(def(WindowFn.INT_RANGE, "int_range(0, len()) -> i64 (the row's position)",
                "int_range", "Functions.intRange"));
        return out;
    }

    private static FunctionDef def(WindowFn fn, String signature, String python, String java) {
        return new FunctionDef(fn.wireName(), FunctionDef.Kind.WINDOW, List.of(), signature, python, true, java, null);
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        return Map.of();
    }

    /**
     * Binds a call of an order-dependent function. {@code argument} resolves the value argument
     * (in the caller's context, which may hold aggregations); the options must be literals.
     */
    static WindowCall resolve(Expr.Call call, java.util.function.Function<Expr, Arg> argument) {
        WindowFn fn = WindowFn.fromWireName(call.function());
        if (fn == WindowFn.INT_RANGE) {
            return intRange(call, argument);
        }
        List<Arg> args = new ArrayList<>();
        for (Expr e : call.args()) {
            args.add(argument.apply(e));
        }
        Binding b = new Binding(call, args);
        if (args.isEmpty()) {
            throw b.invalid("needs a column or expression");
        }
        DataType t = args.get(0).type();
        Arg x = args.get(0);
        return switch (fn) {
            case RANK -> {
                maxArgs(b, 3);
                String name = b.given(1) ? b.stringLiteral(b.arg(1), "method") : "average";
                RankMethod method = RankMethod.of(name);
                if (method == null) {
                    throw b.invalid("method must be one of 'average', 'min', 'max', 'dense', 'ordinal', not '" + name + "'");
                }
                boolean descending = b.given(2) && b.boolLiteral(b.arg(2), "descending");
                orderable(b, t);
                yield new WindowCall(fn, x.expr(), 0, descending, method, null,
                        method == RankMethod.AVERAGE ? DataType.FLOAT64 : DataType.INT64);
            }
            case CUM_SUM, CUM_PROD, CUM_MIN, CUM_MAX, CUM_COUNT -> {
                maxArgs(b, 2);
                boolean reverse = b.given(1) && b.boolLiteral(b.arg(1), "reverse");
                yield new WindowCall(fn, x.expr(), 0, reverse, null, null, cumulativeType(b, fn, t));
            }
            case SHIFT -> {
                maxArgs(b, 3);
                long n = b.given(1) ? b.intLiteral(b.arg(1), "n") : 1;
                Object fill = null;
                if (b.given(2)) {
                    Arg f = b.arg(2);
                    if (!f.isLiteral()) {
                        throw b.invalid("fill_value must be a literal");
                    }
                    if (!Casts.canCast(f.type(), t)) {
                        throw b.mismatch("a fill value of " + f.type() + " for a column of " + t);
                    }
                    fill = Casts.convert(f.literalValue(), f.type(), t, true);
                }
                yield new WindowCall(fn, x.expr(), n, false, null, fill, t);
            }
            case DIFF, PCT_CHANGE -> {
                maxArgs(b, 2);
                long n = b.given(1) ? b.intLiteral(b.arg(1), "n") : 1;
                if (!t.isNumeric() && t.kind() != TypeKind.NULL) {
                    throw b.mismatch(fn.wireName() + " needs numbers, not " + t);
                }
                DataType result = fn == WindowFn.PCT_CHANGE || t.kind() == TypeKind.NULL ? DataType.FLOAT64
                        : t.kind() == TypeKind.DECIMAL ? DataType.decimal(DataType.MAX_DECIMAL_PRECISION, t.scale()) : t;
                yield new WindowCall(fn, x.expr(), n, false, null, null, result);
            }
            case FORWARD_FILL, BACKWARD_FILL -> {
                maxArgs(b, 2);
                long limit = b.given(1) ? b.intLiteral(b.arg(1), "limit") : Long.MAX_VALUE;
                yield new WindowCall(fn, x.expr(), limit, false, null, null, t);
            }
            case REVERSE -> {
                b.arity(1);
                yield new WindowCall(fn, x.expr(), 0, false, null, null, t);
            }
            case RLE_ID -> {
                b.arity(1);
                orderable(b, t);
                yield new WindowCall(fn, x.expr(), 0, false, null, null, DataType.INT64);
            }
            case ROLLING_SUM, ROLLING_MEAN, ROLLING_MIN, ROLLING_MAX, ROLLING_STD, ROLLING_VAR, ROLLING_MEDIAN,
                 ROLLING_QUANTILE -> rolling(b, fn, x, t);
            case INTERPOLATE -> {
                b.arity(1);
                if (!t.isNumeric() && t.kind() != TypeKind.NULL) {
                    throw b.mismatch("interpolate needs numbers, not " + t);
                }
                yield new WindowCall(fn, x.expr(), 0, false, null, null,
                        t.kind() == TypeKind.FLOAT32 ? DataType.FLOAT32 : DataType.FLOAT64);
            }
            case IS_FIRST_DISTINCT, IS_LAST_DISTINCT -> {
                b.arity(1);
                orderable(b, t);
                yield new WindowCall(fn, x.expr(), 0, false, null, null, DataType.BOOL);
            }
            case PLACE -> {
                Placement placement = placement(b);
                yield new WindowCall(fn, x.expr(), 0, false, null, null, placement.positions() ? DataType.INT64 : t, null,
                        null, null, placement);
            }
            default -> WindowMoreFunctions.resolve(b, fn);
        };
    }

    /**
     * {@code int_range(0, len())}: Polars' row numbers ({@code pl.int_range(pl.len())}), the one
     * form whose length is the frame's (or the window's); an offset is added to it.
     */
    private static WindowCall intRange(Expr.Call call, java.util.function.Function<Expr, Arg> argument) {
        Binding b = new Binding(call, List.of());
        boolean rowNumbers = call.args().size() == 2 && call.args().get(1) instanceof Expr.Call end
                && end.function().equals(FunctionNames.LEN) && end.args().isEmpty();
        Arg start = rowNumbers ? argument.apply(call.args().get(0)) : null;
        if (start == null || !start.isLiteral() || !Long.valueOf(0).equals(start.literalValue())) {
            throw b.invalid("is supported as int_range(0, len()), the row numbers of the frame or of each window;"
                    + " add an offset to them");
        }
        return new WindowCall(WindowFn.INT_RANGE, null, 0, false, null, null, DataType.INT64);
    }

    private static WindowCall rolling(Binding b, WindowFn fn, Arg x, DataType t) {
        boolean spread = fn == WindowFn.ROLLING_STD || fn == WindowFn.ROLLING_VAR;
        maxArgs(b, spread ? 5 : fn == WindowFn.ROLLING_QUANTILE ? 6 : 4);
        if (!b.given(1)) {
            throw b.invalid("needs a window_size");
        }
        int size = b.intLiteral(b.arg(1), "window_size");
        int minSamples = b.given(2) ? b.intLiteral(b.arg(2), "min_samples") : size;
        boolean center = b.given(3) && b.boolLiteral(b.arg(3), "center");
        int ddof = spread && b.given(4) ? b.intLiteral(b.arg(4), "ddof") : 1;
        Quantile quantile = fn == WindowFn.ROLLING_MEDIAN ? Quantile.MEDIAN
                : fn == WindowFn.ROLLING_QUANTILE ? rollingQuantile(b) : null;
        if (size < 1 || minSamples < 0) {
            throw b.invalid("needs a window_size of at least 1 and a min_samples of at least 0");
        }
        TypeKind k = t.kind();
        if (!t.isNumeric() && k != TypeKind.BOOL && k != TypeKind.NULL
                && !((fn == WindowFn.ROLLING_MIN || fn == WindowFn.ROLLING_MAX) && (k == TypeKind.DATE32 || k == TypeKind.TIMESTAMP))) {
            throw b.mismatch(fn.wireName() + " needs numbers, not " + t);
        }
        DataType result = switch (fn) {
            case ROLLING_SUM -> cumulativeType(b, WindowFn.CUM_SUM, t);
            case ROLLING_MIN, ROLLING_MAX -> k == TypeKind.NULL ? DataType.INT64 : t;
            default -> DataType.FLOAT64;
        };
        return new WindowCall(fn, x.expr(), 0, false, null, null, result,
                new WindowFn.RollingWindow(size, minSamples, center, ddof, quantile));
    }

    private static Quantile rollingQuantile(Binding b) {
        return rollingQuantileAt(b, 4);
    }

    /** The quantile at argument {@code at} and its interpolation after it. */
    static Quantile rollingQuantileAt(Binding b, int at) {
        if (!b.given(at) || !b.arg(at).isLiteral() || !(b.arg(at).literalValue() instanceof Number q)
                || !(q.doubleValue() >= 0 && q.doubleValue() <= 1)) {
            throw b.invalid("needs a quantile between 0 and 1 as a number");
        }
        String name = b.given(at + 1) ? b.stringLiteral(b.arg(at + 1), "interpolation") : "nearest";
        Quantile.Interpolation interpolation = Quantile.Interpolation.of(name);
        if (interpolation == null) {
            throw b.invalid("interpolation must be one of 'nearest', 'lower', 'higher', 'midpoint', 'linear', 'equiprobable'");
        }
        return new Quantile(q.doubleValue(), interpolation);
    }

    /** {@code __place(x, kind, offset, length, positions, indices...)}, as {@code RowSets} writes it. */
    private static Placement placement(Binding b) {
        Placement.Kind kind = Placement.Kind.valueOf(b.stringLiteral(b.arg(1), "kind"));
        long[] indices = new long[b.size() - 5];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = b.intLiteral(b.arg(5 + i), "index");
        }
        return new Placement(kind, b.intLiteral(b.arg(2), "offset"), b.intLiteral(b.arg(3), "length"),
                kind == Placement.Kind.INDICES ? indices : null, b.boolLiteral(b.arg(4), "positions"));
    }

    private static void maxArgs(Binding b, int n) {
        if (b.size() > n) {
            throw b.invalid("takes at most " + n + " arguments, got " + b.size());
        }
    }

    private static void orderable(Binding b, DataType t) {
        if (t.kind() == TypeKind.INTERVAL) {
            throw b.mismatch(b.function() + " of an interval");
        }
    }

    private static DataType cumulativeType(Binding b, WindowFn fn, DataType t) {
        TypeKind k = t.kind();
        if (fn == WindowFn.CUM_COUNT) {
            return DataType.INT64;
        }
        if (k == TypeKind.NULL) {
            return DataType.INT64;
        }
        boolean numeric = k == TypeKind.BOOL || t.isNumeric();
        return switch (fn) {
            case CUM_SUM -> {
                if (!numeric) {
                    throw b.mismatch("cum_sum needs numbers, not " + t);
                }
                yield k == TypeKind.DECIMAL ? DataType.decimal(DataType.MAX_DECIMAL_PRECISION, t.scale())
                        : k == TypeKind.INT32 || k == TypeKind.FLOAT32 || k == TypeKind.FLOAT64 ? t : DataType.INT64;
            }
            case CUM_PROD -> {
                if (!numeric || k == TypeKind.DECIMAL) {
                    throw b.mismatch("cum_prod needs integers or floats, not " + t);
                }
                yield k == TypeKind.FLOAT32 || k == TypeKind.FLOAT64 ? t : DataType.INT64;
            }
            default -> {
                if (!numeric && k != TypeKind.DATE32 && k != TypeKind.TIMESTAMP) {
                    throw b.mismatch(fn.wireName() + " needs numbers, dates or timestamps, not " + t);
                }
                yield t;
            }
        };
    }
}
