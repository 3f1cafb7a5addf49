package io.polaroid.engine.functions;

import static io.polaroid.engine.functions.FunctionDef.scalar;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.functions.TypeCoercion.Arg;
import io.polaroid.engine.kernels.MathExpr;
import io.polaroid.engine.kernels.PowExpr;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Negation, absolute value, rounding (half away from zero, as Polars), floor, ceil, sign, powers and clip. */
final class MathFunctions implements FunctionFamily {
    @Override
    public String name() {
        return "math";
    }

    static final String HALF_TO_EVEN = "half_to_even";
    static final String HALF_AWAY_FROM_ZERO = "half_away_from_zero";

    @Override
    public List<FunctionDef> functions() {
        return List.of(
                scalar(FunctionNames.NEG, "neg(x: number) -> number", "Expr.neg", "Expr.neg", c -> {
                    c.arity(1);
                    return unary(c, ScalarFn.NEG, List.of());
                }),
                scalar(FunctionNames.ABS, "abs(x: number) -> number", "Expr.abs", "Expr.abs", c -> {
                    c.arity(1);
                    return unary(c, ScalarFn.ABS, List.of());
                }),
                scalar(FunctionNames.ROUND, "round(x: number[, decimals: int lit = 0[, mode: str lit = 'half_to_even' |"
                        + " 'half_away_from_zero']]) -> type of x", "Expr.round", "Expr.round", MathFunctions::round),
                scalar(FunctionNames.FLOOR, "floor(x: number) -> type of x (integers as they are)", "Expr.floor", "Expr.floor",
                        c -> rounding(c, ScalarFn.FLOOR)),
                scalar(FunctionNames.CEIL, "ceil(x: number) -> type of x (integers as they are)", "Expr.ceil", "Expr.ceil",
                        c -> rounding(c, ScalarFn.CEIL)),
                scalar(FunctionNames.SIGN, "sign(x: number) -> -1, 0 or 1 of the type of x", "Expr.sign", "Expr.sign",
                        MathFunctions::sign),
                scalar(FunctionNames.POW, "pow(base: number, exponent: number) -> i64 for integers, else f64", "Expr.pow",
                        "Expr.pow", MathFunctions::pow),
                scalar(FunctionNames.CLIP, "clip(x, lower, upper) -> type of x; a null bound is no bound", "Expr.clip",
                        "Expr.clip", MathFunctions::clip));
    }

    /** floor and ceil: integers are whole already; floats go through f64 and back to their type. */
    private static BoundExpr rounding(Binding c, ScalarFn fn) {
        c.arity(1);
        Arg x = c.arg(0);
        DataType t = x.type();
        if (t.kind() == TypeKind.NULL || t.isInteger()) {
            return x.expr();
        }
        if (!t.isFloat()) {
            throw c.mismatch(c.function() + " needs an integer or a float, not " + t + " (cast a decimal to a float first)");
        }
        BoundExpr call = new BoundExpr.Call(fn, List.of(TypeCoercion.castTo(x.expr(), DataType.FLOAT64)), DataType.FLOAT64);
        return TypeCoercion.castTo(call, t);
    }

    private static BoundExpr sign(Binding c) {
        c.arity(1);
        Arg x = c.arg(0);
        DataType t = x.type();
        if (t.isFloat()) {
            BoundExpr call = new BoundExpr.Call(ScalarFn.SIGN, List.of(TypeCoercion.castTo(x.expr(), DataType.FLOAT64)),
                    DataType.FLOAT64);
            return TypeCoercion.castTo(call, t);
        }
        if (!t.isInteger()) {
            throw c.mismatch("sign needs an integer or a float, not " + t);
        }
        List<BoundExpr> conditions = new ArrayList<>();
        List<BoundExpr> values = new ArrayList<>();
        for (long s : new long[] {1, -1, 0}) {
            ScalarFn test = s > 0 ? ScalarFn.GT : s < 0 ? ScalarFn.LT : ScalarFn.EQ;
            conditions.add(new BoundExpr.Call(test, List.of(x.expr(), new BoundExpr.Literal(0L, t)), DataType.BOOL));
            values.add(new BoundExpr.Literal(s, t));
        }
        return new BoundExpr.Case(conditions, values, new BoundExpr.Literal(null, t), t);
    }

    private static BoundExpr pow(Binding c) {
        c.arity(2);
        Arg base = c.arg(0);
        Arg exponent = c.arg(1);
        for (Arg a : List.of(base, exponent)) {
            if (a.type().kind() != TypeKind.NULL && !a.type().isNumeric()) {
                throw c.mismatch("pow needs numbers, not " + a.type());
            }
        }
        boolean integers = base.type().isInteger() && exponent.type().isInteger();
        DataType t = integers ? DataType.INT64 : DataType.FLOAT64;
        return new BoundExpr.Call(ScalarFn.POW, List.of(TypeCoercion.castTo(base.expr(), t),
                TypeCoercion.castTo(exponent.expr(), t)), t);
    }

    private static BoundExpr clip(Binding c) {
        c.arity(3);
        Arg x = c.arg(0);
        List<BoundExpr> conditions = new ArrayList<>();
        List<BoundExpr> values = new ArrayList<>();
        ScalarFn[] beyond = {ScalarFn.LT, ScalarFn.GT};
        for (int i = 1; i <= 2; i++) {
            Arg bound = c.arg(i);
            if (bound.isLiteral() && bound.literalValue() == null) {
                continue;
            }
            conditions.add(ComparisonFunctions.compare(c, beyond[i - 1], x, bound));
            BoundExpr.Literal adapted = bound.isLiteral() ? TypeCoercion.adaptLiteral(bound, x.type()) : null;
            values.add(TypeCoercion.castTo(adapted != null ? adapted : bound.expr(), x.type()));
        }
        return conditions.isEmpty() ? x.expr() : new BoundExpr.Case(conditions, values, x.expr(), x.type());
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        Kernel plain = (call, compile) -> new MathExpr(call.fn(), compile.apply(call.args().get(0)), 0, true, call.type());
        return Map.of(ScalarFn.NEG, plain, ScalarFn.ABS, plain,
                ScalarFn.ROUND, (call, compile) -> new MathExpr(call.fn(), compile.apply(call.args().get(0)),
                        (int) (long) (Long) Kernel.literal(call.args().get(1)),
                        HALF_TO_EVEN.equals(Kernel.literal(call.args().get(2))), call.type()),
                ScalarFn.POW, (call, compile) -> new PowExpr(compile.apply(call.args().get(0)),
                        compile.apply(call.args().get(1)), call.type()));
    }

    /** Polars' round: halves to even unless the mode says away from zero; the result keeps x's type (a decimal's scale). */
    private static BoundExpr round(Binding c) {
        if (c.size() < 1 || c.size() > 3) {
            throw c.invalid("takes a value, a number of decimals and a rounding mode");
        }
        int decimals = c.size() >= 2 ? c.intLiteral(c.arg(1), "decimals") : 0;
        String mode = c.size() == 3 ? c.stringLiteral(c.arg(2), "mode") : HALF_TO_EVEN;
        if (!mode.equals(HALF_TO_EVEN) && !mode.equals(HALF_AWAY_FROM_ZERO)) {
            throw c.invalid("mode must be '" + HALF_TO_EVEN + "' or '" + HALF_AWAY_FROM_ZERO + "', not '" + mode + "'");
        }
        List<BoundExpr> params = List.of(new BoundExpr.Literal((long) decimals, DataType.INT32),
                new BoundExpr.Literal(mode, DataType.UTF8));
        DataType t = c.arg(0).type();
        if (t.isDecimal()) {  // as Polars: one more digit of precision when digits are rounded away (a carry)
            int precision = decimals < t.scale() ? Math.min(38, t.precision() + 1) : t.precision();
            List<BoundExpr> args = new ArrayList<>(List.of(c.arg(0).expr()));
            args.addAll(params);
            return new BoundExpr.Call(ScalarFn.ROUND, args, DataType.decimal(precision, t.scale()));
        }
        return unary(c, ScalarFn.ROUND, params);
    }

    /** {@code fn} of argument 0 and literal {@code params}, computed in {@link #computeType} and cast back to x's type. */
    private static BoundExpr unary(Binding c, ScalarFn fn, List<BoundExpr> params) {
        BoundExpr x = c.arg(0).expr();
        DataType t = x.type();
        if (t.kind() == TypeKind.NULL) {
            return new BoundExpr.Literal(null, DataType.INT32);
        }
        if (!t.isNumeric()) {
            throw c.mismatch(fn.symbol() + " needs a number, not " + t);
        }
        DataType compute = computeType(t);
        List<BoundExpr> args = new ArrayList<>(List.of(TypeCoercion.castTo(x, compute)));
        args.addAll(params);
        return TypeCoercion.castTo(new BoundExpr.Call(fn, args, compute), t);
    }

    /** The type the kernels compute in: i32 for the narrow integers, f64 for floats, else the type itself. */
    private static DataType computeType(DataType t) {
        return switch (t.kind()) {
            case INT8, INT16, INT32 -> DataType.INT32;
            case INT64 -> DataType.INT64;
            case FLOAT32, FLOAT64 -> DataType.FLOAT64;
            default -> t;
        };
    }
}
