package io.polaroid.engine.functions;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.types.Casts;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Scalars;
import io.polaroid.engine.types.TypeKind;
import java.math.BigDecimal;

/**
 * Which type two operands meet at, and how to get them there. Integers widen, integers and
 * floats meet at FLOAT64, integers and decimals at a decimal wide enough for both, decimals and
 * floats at FLOAT64. A dynamic literal (an unsuffixed number) takes the other operand's type
 * when its value fits, as in Polars; a string literal next to a date is parsed as a date.
 */
public final class TypeCoercion {
    private TypeCoercion() {
    }

    /** An argument as resolved, and whether it came from a dynamic (width-adapting) literal. */
    public record Arg(BoundExpr expr, boolean dynamic) {
        public DataType type() {
            return expr.type();
        }

        public boolean isLiteral() {
            return expr instanceof BoundExpr.Literal;
        }

        public Object literalValue() {
            return ((BoundExpr.Literal) expr).value();
        }
    }

    /** Digits a decimal needs to hold any value of an integer type. */
    public static int integerDigits(TypeKind kind) {
        return switch (kind) {
            case INT8 -> 3;
            case INT16 -> 5;
            case INT32 -> 10;
            default -> 19;
        };
    }

    private static int integerRank(TypeKind kind) {
        return switch (kind) {
            case INT8 -> 1;
            case INT16 -> 2;
            case INT32 -> 3;
            default -> 4;
        };
    }

    /**
     * The type both sides of a comparison, a coalesce, a case or a union meet at, or null if
     * there is none. Literal adaptation is done separately by {@link #adaptLiteral}.
     */
    public static DataType supertype(DataType a, DataType b) {
        if (a.equals(b)) {
            return a;
        }
        TypeKind x = a.kind();
        TypeKind y = b.kind();
        if (x == TypeKind.NULL) {
            return b;
        }
        if (y == TypeKind.NULL) {
            return a;
        }
        if (x.isInteger() && y.isInteger()) {
            return integerRank(x) >= integerRank(y) ? a : b;
        }
        if ((x.isFloat() || y.isFloat()) && a.isNumeric() && b.isNumeric()) {
            return x == TypeKind.FLOAT32 && y == TypeKind.FLOAT32 ? DataType.FLOAT32 : DataType.FLOAT64;
        }
        if (x == TypeKind.DECIMAL || y == TypeKind.DECIMAL) {
            if (!a.isNumeric() || !b.isNumeric()) {
                return null;
            }
            DataType da = asDecimal(a);
            DataType db = asDecimal(b);
            int scale = Math.max(da.scale(), db.scale());
            int digits = Math.max(da.precision() - da.scale(), db.precision() - db.scale());
            return DataType.decimal(Math.min(DataType.MAX_DECIMAL_PRECISION, digits + scale), scale);
        }
        if (x == TypeKind.DURATION && y == TypeKind.DURATION) {
            return DataType.duration(DurationArithmetic.coarser(a.unit(), b.unit()));
        }
        if (x.isTemporal() && y.isTemporal()) {
            if (x == TypeKind.TIMESTAMP && y == TypeKind.TIMESTAMP) {
                return a.unit().perSecond() >= b.unit().perSecond() ? a : b;
            }
            return x == TypeKind.TIMESTAMP ? a : b;
        }
        return null;
    }

    /** An integer or decimal type as a decimal type. */
    public static DataType asDecimal(DataType t) {
        if (t.kind() == TypeKind.DECIMAL) {
            return t;
        }
        return DataType.decimal(integerDigits(t.kind()), 0);
    }

    /** Both operands, a literal one first adapted to the other side's type where it can be. */
    public static BoundExpr[] adaptLiterals(Arg a, Arg b) {
        BoundExpr l = a.expr();
        BoundExpr r = b.expr();
        if (a.isLiteral() && !b.isLiteral()) {
            BoundExpr.Literal adapted = adaptLiteral(a, b.type());
            l = adapted != null ? adapted : l;
        } else if (b.isLiteral() && !a.isLiteral()) {
            BoundExpr.Literal adapted = adaptLiteral(b, a.type());
            r = adapted != null ? adapted : r;
        }
        return new BoundExpr[] {l, r};
    }

    /**
     * A literal re-typed to meet {@code target} (the other operand's type) when its value fits
     * there exactly: dynamic numbers adapt to numeric types, strings parse as dates and
     * timestamps, null takes any type. Returns null when the literal cannot adapt.
     */
    public static BoundExpr.Literal adaptLiteral(Arg literal, DataType target) {
        BoundExpr.Literal lit = (BoundExpr.Literal) literal.expr();
        Object v = lit.value();
        DataType from = lit.type();
        if (from.equals(target)) {
            return lit;
        }
        if (v == null) {
            return new BoundExpr.Literal(null, target);
        }
        TypeKind t = target.kind();
        if (from.kind() == TypeKind.UTF8 && (t == TypeKind.DATE32 || t == TypeKind.TIMESTAMP)) {
            return new BoundExpr.Literal(Casts.convert(v, from, target, true), target);
        }
        if (!literal.dynamic() || !target.isNumeric()) {
            return null;
        }
        if (from.isInteger()) {
            long x = (Long) v;
            if (target.isInteger()) {
                return Casts.fitsInteger(x, t) ? new BoundExpr.Literal(x, target) : null;
            }
            if (target.isFloat()) {
                return new BoundExpr.Literal((double) x, target);
            }
            DataType exact = Scalars.decimalTypeOf(BigDecimal.valueOf(x));
            return new BoundExpr.Literal(BigDecimal.valueOf(x), exact);
        }
        if (from.isFloat()) {
            double d = (Double) v;
            if (target.isFloat()) {
                return new BoundExpr.Literal(t == TypeKind.FLOAT32 ? (double) (float) d : d, target);
            }
            if (target.isDecimal() && !Double.isNaN(d) && !Double.isInfinite(d)) {
                BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
                if (exact.scale() < 0) {
                    exact = exact.setScale(0);
                }
                if (exact.precision() <= DataType.MAX_DECIMAL_PRECISION) {
                    return new BoundExpr.Literal(exact, Scalars.decimalTypeOf(exact));
                }
            }
            return null;
        }
        return null;
    }

    /** {@code expr} cast to {@code type}, or {@code expr} itself if it already has it. Literals convert now. */
    public static BoundExpr castTo(BoundExpr expr, DataType type) {
        if (expr.type().equals(type)) {
            return expr;
        }
        if (expr instanceof BoundExpr.Literal lit) {
            Object converted = Casts.convert(lit.value(), lit.type(), type, false);
            if (converted != null || lit.value() == null) {
                return new BoundExpr.Literal(converted, type);
            }
        }
        return new BoundExpr.Cast(expr, type, false);
    }
}
