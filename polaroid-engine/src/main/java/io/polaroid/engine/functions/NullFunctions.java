package io.polaroid.engine.functions;

import static io.polaroid.engine.functions.FunctionDef.scalar;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.functions.TypeCoercion.Arg;
import io.polaroid.engine.kernels.CoalesceExpr;
import io.polaroid.engine.kernels.IsNullExpr;
import io.polaroid.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Null tests, {@code fill_null} and {@code coalesce}: the first non-null value, at the supertype of all. */
final class NullFunctions implements FunctionFamily {
    @Override
    public String name() {
        return "nulls";
    }

    @Override
    public List<FunctionDef> functions() {
        return List.of(
                scalar(FunctionNames.IS_NULL, "is_null(x) -> bool", "Expr.is_null", "Expr.isNull", c -> test(c, ScalarFn.IS_NULL)),
                scalar(FunctionNames.IS_NOT_NULL, "is_not_null(x) -> bool", "Expr.is_not_null", "Expr.isNotNull",
                        c -> test(c, ScalarFn.IS_NOT_NULL)),
                scalar(FunctionNames.FILL_NULL, "fill_null(x, value) -> supertype", "Expr.fill_null", "Expr.fillNull", c -> {
                    c.arity(2);
                    return coalesce(c);
                }),
                scalar(FunctionNames.COALESCE, "coalesce(x, y, ...) -> supertype", "coalesce", "Functions.coalesce", c -> {
                    if (c.size() == 0) {
                        throw c.invalid("needs at least 1 argument");
                    }
                    return coalesce(c);
                }));
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        Kernel test = (call, compile) -> new IsNullExpr(compile.apply(call.args().get(0)), call.fn() == ScalarFn.IS_NOT_NULL);
        return Map.of(ScalarFn.IS_NULL, test, ScalarFn.IS_NOT_NULL, test,
                ScalarFn.COALESCE, (call, compile) -> new CoalesceExpr(call.args().stream().map(compile).toList(), call.type()));
    }

    private static BoundExpr test(Binding c, ScalarFn fn) {
        c.arity(1);
        return new BoundExpr.Call(fn, List.of(c.arg(0).expr()), DataType.BOOL);
    }

    private static BoundExpr coalesce(Binding c) {
        DataType common = DataType.NULL;
        for (Arg a : c.args()) {
            DataType next = TypeCoercion.supertype(common, a.type());
            if (next == null) {
                throw c.mismatch("cannot combine " + common + " with " + a.type());
            }
            common = next;
        }
        List<BoundExpr> out = new ArrayList<>();
        for (Arg a : c.args()) {
            BoundExpr e = a.expr();
            if (a.isLiteral() && !a.type().equals(common)) {
                BoundExpr.Literal adapted = TypeCoercion.adaptLiteral(a, common);
                e = adapted != null ? adapted : e;
            }
            out.add(TypeCoercion.castTo(e, common));
        }
        return out.size() == 1 ? out.get(0) : new BoundExpr.Call(ScalarFn.COALESCE, out, common);
    }
}
