package io.polaroid.engine.functions;

import static io.polaroid.engine.functions.FunctionDef.scalar;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.functions.TypeCoercion.Arg;
import io.polaroid.engine.kernels.ArithmeticExpr;
import io.polaroid.engine.kernels.DateArithmeticExpr;
import io.polaroid.engine.kernels.NonZeroDivisorExpr;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Interval;
import io.polaroid.engine.types.TimeUnit;
import io.polaroid.engine.types.TypeKind;
import java.util.List;
import java.util.Map;

/**
 * {@code + - * / // %}. Decimal arithmetic follows DuckDB's precision and scale rules; the rest
 * follows Polars: {@code /} of integers is a float, {@code //} floors, {@code %} takes the sign of
 * the divisor. {@code +} of strings concatenates; dates and timestamps take intervals.
 */
final class ArithmeticFunctions implements FunctionFamily {
    @Override
    public String name() {
        return "arithmetic";
    }

    @Override
    public List<FunctionDef> functions() {
        String operands = "(a: number, b: number) -> number";
        return List.of(
                scalar(FunctionNames.ADD, "add" + operands + "; str + str; date|timestamp + interval", "Expr.add", "Expr.add",
                        c -> arithmetic(c, ScalarFn.ADD)),
                scalar(FunctionNames.SUB, "sub" + operands
                        + "; date|datetime - date|datetime -> duration; date|datetime ± duration|interval; duration ± duration",
                        "Expr.sub", "Expr.sub", c -> arithmetic(c, ScalarFn.SUB)),
                scalar(FunctionNames.MUL, "mul" + operands + "; duration * number", "Expr.mul", "Expr.mul", c -> arithmetic(c, ScalarFn.MUL)),
                scalar(FunctionNames.TRUEDIV, "truediv(a: number, b: number) -> f64; duration / number -> duration; duration / duration -> f64", "Expr.truediv",
                        "Expr.div", c -> arithmetic(c, ScalarFn.DIV)),
                scalar(FunctionNames.FLOORDIV, "floordiv" + operands, "Expr.floordiv", "Expr.floordiv",
                        c -> arithmetic(c, ScalarFn.FLOORDIV)),
                scalar(FunctionNames.MOD, "mod" + operands, "Expr.mod", "Expr.mod", c -> arithmetic(c, ScalarFn.MOD)));
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        Kernel arithmetic = (call, compile) -> new ArithmeticExpr(call.fn(), compile.apply(call.args().get(0)),
                compile.apply(call.args().get(1)), call.type());
        return Map.of(ScalarFn.ADD, arithmetic, ScalarFn.SUB, arithmetic, ScalarFn.MUL, arithmetic, ScalarFn.DIV, arithmetic,
                ScalarFn.FLOORDIV, arithmetic, ScalarFn.MOD, arithmetic,
                ScalarFn.NONZERO_DIVISOR, (call, compile) -> new NonZeroDivisorExpr(compile.apply(call.args().get(0))),
                ScalarFn.ADD_INTERVAL, (call, compile) -> new DateArithmeticExpr(compile.apply(call.args().get(0)),
                        (Interval) Kernel.literal(call.args().get(1)), call.type()));
    }

    private static BoundExpr arithmetic(Binding c, ScalarFn fn) {
        c.arity(2);
        Arg a = c.arg(0);
        Arg b = c.arg(1);
        TypeKind x = a.type().kind();
        TypeKind y = b.type().kind();
        boolean add = fn == ScalarFn.ADD;
        boolean sub = fn == ScalarFn.SUB;
        if (DurationArithmetic.applies(x, y)) {
            return DurationArithmetic.bind(c, fn, a, b);
        }
        if ((add || sub) && (x.isTemporal() || y.isTemporal())) {
            return temporal(c, a, b, sub);
        }
        if (add && x == TypeKind.UTF8 && y == TypeKind.UTF8) {
            return new BoundExpr.Call(ScalarFn.CONCAT, List.of(a.expr(), b.expr()), DataType.UTF8);
        }
        // Literals first adapt to the other side (a null takes the other side's type).
        BoundExpr[] adapted = TypeCoercion.adaptLiterals(a, b);
        BoundExpr l = adapted[0];
        BoundExpr r = adapted[1];
        if (l.type().kind() == TypeKind.NULL) {
            l = TypeCoercion.castTo(l, r.type().kind() == TypeKind.NULL ? DataType.INT32 : r.type());
        }
        if (r.type().kind() == TypeKind.NULL) {
            r = TypeCoercion.castTo(r, l.type());
        }
        DataType lt = l.type();
        DataType rt = r.type();
        if (!lt.isNumeric() || !rt.isNumeric()) {
            throw c.mismatch("cannot apply " + fn.symbol() + " to " + lt + " and " + rt);
        }
        boolean anyFloat = lt.isFloat() || rt.isFloat();
        boolean anyDecimal = lt.isDecimal() || rt.isDecimal();
        if (fn == ScalarFn.DIV || anyFloat || (anyDecimal && fn == ScalarFn.FLOORDIV)) {
            // float arithmetic; true division of integers and all division of decimals give floats
            DataType result = lt.kind() == TypeKind.FLOAT32 && rt.kind() == TypeKind.FLOAT32 ? DataType.FLOAT32 : DataType.FLOAT64;
            if (rt.isDecimal() && (fn == ScalarFn.DIV || fn == ScalarFn.FLOORDIV)) {
                r = new BoundExpr.Call(ScalarFn.NONZERO_DIVISOR, List.of(r), rt);  // as Polars: a decimal / 0 fails
            }
            BoundExpr call = new BoundExpr.Call(fn, List.of(TypeCoercion.castTo(l, DataType.FLOAT64),
                    TypeCoercion.castTo(r, DataType.FLOAT64)), DataType.FLOAT64);
            return TypeCoercion.castTo(call, result);
        }
        if (anyDecimal) {
            return decimal(c, fn, l, r);
        }
        DataType common = TypeCoercion.supertype(lt, rt);
        DataType compute = common.kind() == TypeKind.INT64 ? DataType.INT64 : DataType.INT32;
        BoundExpr call = new BoundExpr.Call(fn, List.of(TypeCoercion.castTo(l, compute), TypeCoercion.castTo(r, compute)), compute);
        return TypeCoercion.castTo(call, common);
    }

    /** DuckDB's rules: + and - keep the larger scale and add a digit; * adds scales and precisions (capped). */
    private static BoundExpr decimal(Binding c, ScalarFn fn, BoundExpr l, BoundExpr r) {
        DataType a = TypeCoercion.asDecimal(l.type());
        DataType b = TypeCoercion.asDecimal(r.type());
        int max = DataType.MAX_DECIMAL_PRECISION;
        if (fn == ScalarFn.MUL) {
            int scale = a.scale() + b.scale();
            if (scale > max) {
                throw c.mismatch("the product of " + a + " and " + b + " needs a scale above 38");
            }
            int precision = a.precision() + b.precision();
            if (precision > DataType.MAX_LONG_DECIMAL_PRECISION && a.isLongDecimal() && b.isLongDecimal()) {
                precision = DataType.MAX_LONG_DECIMAL_PRECISION;
            }
            precision = Math.max(Math.min(precision, max), scale);
            DataType result = DataType.decimal(precision, scale);
            return new BoundExpr.Call(fn, List.of(TypeCoercion.castTo(l, a), TypeCoercion.castTo(r, b)), result);
        }
        int scale = Math.max(a.scale(), b.scale());
        int digits = Math.max(a.precision() - a.scale(), b.precision() - b.scale());
        int precision = Math.min(max, digits + scale + (fn == ScalarFn.MOD ? 0 : 1));
        DataType result = DataType.decimal(precision, scale);
        BoundExpr left = TypeCoercion.castTo(l, DataType.decimal(Math.min(max, a.precision() + scale - a.scale()), scale));
        BoundExpr right = TypeCoercion.castTo(r, DataType.decimal(Math.min(max, b.precision() + scale - b.scale()), scale));
        return new BoundExpr.Call(fn, List.of(left, right), result);
    }

    /** date ± interval, date ± integer days, timestamp ± interval. */
    private static BoundExpr temporal(Binding c, Arg a, Arg b, boolean sub) {
        TypeKind x = a.type().kind();
        Arg temporal = x.isTemporal() ? a : b;
        Arg other = x.isTemporal() ? b : a;
        if (sub && temporal != a) {
            throw c.mismatch("cannot subtract a " + a.type() + " from a " + b.type());
        }
        Interval interval;
        if (other.isLiteral() && other.type().kind() == TypeKind.INTERVAL) {
            interval = (Interval) other.literalValue();
        } else if (other.isLiteral() && other.type().isInteger() && temporal.type().kind() == TypeKind.DATE32) {
            interval = Interval.ofDays(Math.toIntExact((Long) other.literalValue()));
        } else {
            throw c.mismatch("cannot " + (sub ? "subtract " : "add ") + other.type() + (sub ? " from " : " to ") + temporal.type()
                    + " (use an interval literal, or a whole number of days with a date)");
        }
        if (interval == null) {
            return new BoundExpr.Literal(null, temporal.type());
        }
        if (sub) {
            interval = interval.negate();
        }
        DataType result = temporal.type();
        if (result.kind() == TypeKind.DATE32 && interval.nanos() != 0) {
            result = DataType.timestamp(TimeUnit.MICROSECOND, null);
        }
        return new BoundExpr.Call(ScalarFn.ADD_INTERVAL,
                List.of(temporal.expr(), new BoundExpr.Literal(interval, DataType.INTERVAL)), result);
    }
}
