package io.polaroid.engine.functions;

import static io.polaroid.engine.functions.FunctionDef.scalar;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.physical.expr.MathExpr;
import io.polaroid.engine.types.DataType;
import java.util.List;
import java.util.Map;

/** Negation, absolute value and rounding (half away from zero, as Polars). */
final class MathFunctions implements FunctionFamily {
    @Override
    public String name() {
        return "math";
    }

    @Override
    public List<FunctionDef> functions() {
        return List.of(
                scalar(FunctionNames.NEG, "neg(x: number) -> number", "Expr.neg", "Expr.neg", c -> {
                    c.arity(1);
                    return unary(c, ScalarFn.NEG, 0);
                }),
                scalar(FunctionNames.ABS, "abs(x: number) -> number", "Expr.abs", "Expr.abs", c -> {
                    c.arity(1);
                    return unary(c, ScalarFn.ABS, 0);
                }),
                scalar(FunctionNames.ROUND, "round(x: number[, decimals: int lit = 0]) -> number", "Expr.round", "Expr.round",
                        c -> {
                            if (c.size() != 1 && c.size() != 2) {
                                throw c.invalid("takes a value and a number of decimals");
                            }
                            return unary(c, ScalarFn.ROUND, c.size() == 2 ? c.intLiteral(c.arg(1), "decimals") : 0);
                        }));
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        Kernel plain = (call, compile) -> new MathExpr(call.fn(), compile.apply(call.args().get(0)), 0, call.type());
        return Map.of(ScalarFn.NEG, plain, ScalarFn.ABS, plain,
                ScalarFn.ROUND, (call, compile) -> new MathExpr(call.fn(), compile.apply(call.args().get(0)),
                        (int) (long) (Long) Kernel.literal(call.args().get(1)), call.type()));
    }

    private static BoundExpr unary(Binding c, ScalarFn fn, int decimals) {
        BoundExpr x = c.arg(0).expr();
        DataType t = x.type();
        if (t.kind() == io.polaroid.engine.types.TypeKind.NULL) {
            return new BoundExpr.Literal(null, DataType.INT32);
        }
        if (!t.isNumeric()) {
            throw c.mismatch(fn.symbol() + " needs a number, not " + t);
        }
        DataType compute = switch (t.kind()) {
            case INT8, INT16, INT32 -> DataType.INT32;
            case INT64 -> DataType.INT64;
            case FLOAT32, FLOAT64 -> DataType.FLOAT64;
            default -> t;
        };
        DataType result = t;
        if (fn == ScalarFn.ROUND && t.isDecimal()) {
            result = DataType.decimal(t.precision(), Math.max(0, Math.min(t.scale(), decimals)));
            compute = t;
        }
        List<BoundExpr> callArgs = fn == ScalarFn.ROUND
                ? List.of(TypeCoercion.castTo(x, compute), new BoundExpr.Literal((long) decimals, DataType.INT32))
                : List.of(TypeCoercion.castTo(x, compute));
        DataType callType = fn == ScalarFn.ROUND && t.isDecimal() ? result : compute;
        return TypeCoercion.castTo(new BoundExpr.Call(fn, callArgs, callType), result);
    }
}
