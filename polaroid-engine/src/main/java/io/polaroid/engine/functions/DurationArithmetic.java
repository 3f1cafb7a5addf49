package io.polaroid.engine.functions;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.functions.TypeCoercion.Arg;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TimeUnit;
import io.polaroid.engine.types.TypeKind;
import java.util.List;

/**
 * Polars' arithmetic of durations, dates and datetimes: {@code datetime - datetime} and
 * {@code date - date} are durations, {@code datetime ± duration} a datetime, {@code date ± duration}
 * a date (floored to the day), durations add, scale by numbers ({@code /} of an integer floors,
 * a float product truncates) and divide into a float. Two units meet at the coarser one
 * (Polars' rule). Each is integer arithmetic on the values' counts, between casts.
 */
final class DurationArithmetic {
    private DurationArithmetic() {
    }

    /** Whether {@link #bind} handles an operator on these operand types. */
    static boolean applies(TypeKind x, TypeKind y) {
        return x == TypeKind.DURATION || y == TypeKind.DURATION
                || x.isTemporal() && y.isTemporal();
    }

    static BoundExpr bind(Binding c, ScalarFn fn, Arg a, Arg b) {
        DataType l = a.type();
        DataType r = b.type();
        if (fn == ScalarFn.ADD || fn == ScalarFn.SUB) {
            boolean sub = fn == ScalarFn.SUB;
            if (l.isDuration() && r.isDuration()) {
                DataType d = DataType.duration(coarser(l.unit(), r.unit()));
                return counts(fn, a.expr(), b.expr(), d, d);
            }
            if (l.kind().isTemporal() && r.isDuration()) {
                return shift(fn, a.expr(), l, b.expr(), r);
            }
            if (!sub && l.isDuration() && r.kind().isTemporal()) {
                return shift(fn, b.expr(), r, a.expr(), l);
            }
            if (sub && l.kind().isTemporal() && r.kind().isTemporal()) {
                DataType common = commonTimestamp(l, r);
                return counts(fn, a.expr(), b.expr(), common, DataType.duration(common.unit()));
            }
        } else if (fn == ScalarFn.MUL) {
            if (l.isDuration() && (r.isInteger() || r.isFloat())) {
                return scale(fn, a.expr(), b, l);
            }
            if (r.isDuration() && (l.isInteger() || l.isFloat())) {
                return scale(fn, b.expr(), a, r);
            }
        } else if (fn == ScalarFn.DIV && l.isDuration()) {
            if (r.isInteger() || r.isFloat()) {
                return scale(r.isInteger() ? ScalarFn.FLOORDIV : ScalarFn.DIV, a.expr(), b, l);
            }
            if (r.isDuration()) {
                DataType d = DataType.duration(coarser(l.unit(), r.unit()));
                return new BoundExpr.Call(ScalarFn.DIV, List.of(asFloat(a.expr(), d), asFloat(b.expr(), d)), DataType.FLOAT64);
            }
        }
        throw c.mismatch(fn.symbol() + " not allowed on " + l + " and " + r);
    }

    /** A date or datetime moved by a duration: a date moves as a datetime of the duration's unit, then floors to its day. */
    private static BoundExpr shift(ScalarFn fn, BoundExpr at, DataType atType, BoundExpr by, DataType byType) {
        if (atType.kind() == TypeKind.DATE32) {
            DataType ts = DataType.timestamp(byType.unit(), null);
            return TypeCoercion.castTo(counts(fn, at, by, ts, byType, ts), DataType.DATE32);
        }
        TimeUnit unit = coarser(atType.unit(), byType.unit());
        DataType ts = DataType.timestamp(unit, atType.timeZone());
        return counts(fn, at, by, ts, DataType.duration(unit), ts);
    }

    /** Both operands as counts of one type, combined by {@code fn}, read back as {@code result}. */
    private static BoundExpr counts(ScalarFn fn, BoundExpr a, BoundExpr b, DataType as, DataType result) {
        return counts(fn, a, b, as, as, result);
    }

    private static BoundExpr counts(ScalarFn fn, BoundExpr a, BoundExpr b, DataType aAs, DataType bAs, DataType result) {
        BoundExpr call = new BoundExpr.Call(fn, List.of(asLong(a, aAs), asLong(b, bAs)), DataType.INT64);
        return TypeCoercion.castTo(call, result);
    }

    /** A duration times or divided by a number: integer counts for integers, truncated float counts for floats. */
    private static BoundExpr scale(ScalarFn fn, BoundExpr duration, Arg factor, DataType type) {
        if (factor.type().isInteger()) {
            BoundExpr call = new BoundExpr.Call(fn, List.of(asLong(duration, type),
                    TypeCoercion.castTo(factor.expr(), DataType.INT64)), DataType.INT64);
            return TypeCoercion.castTo(call, type);
        }
        BoundExpr call = new BoundExpr.Call(fn, List.of(asFloat(duration, type),
                TypeCoercion.castTo(factor.expr(), DataType.FLOAT64)), DataType.FLOAT64);
        return TypeCoercion.castTo(TypeCoercion.castTo(call, DataType.INT64), type);
    }

    private static BoundExpr asLong(BoundExpr e, DataType as) {
        return TypeCoercion.castTo(TypeCoercion.castTo(e, as), DataType.INT64);
    }

    private static BoundExpr asFloat(BoundExpr e, DataType as) {
        return TypeCoercion.castTo(asLong(e, as), DataType.FLOAT64);
    }

    /** The datetime both sides of a subtraction meet at: a date takes the other side's unit; dates alone are μs. */
    private static DataType commonTimestamp(DataType l, DataType r) {
        if (l.kind() == TypeKind.DATE32 && r.kind() == TypeKind.DATE32) {
            return DataType.timestamp(TimeUnit.MICROSECOND, null);
        }
        if (l.kind() == TypeKind.DATE32) {
            return r;
        }
        if (r.kind() == TypeKind.DATE32) {
            return l;
        }
        return DataType.timestamp(coarser(l.unit(), r.unit()), l.timeZone());
    }

    /** Polars' unit for two units: the coarser one. */
    static TimeUnit coarser(TimeUnit a, TimeUnit b) {
        return a.perSecond() <= b.perSecond() ? a : b;
    }
}
