package io.polaroid.engine.functions;

import static io.polaroid.engine.functions.FunctionDef.scalar;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.LogicalChains;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.functions.TypeCoercion.Arg;
import io.polaroid.engine.kernels.LogicalExpr;
import io.polaroid.engine.kernels.NotExpr;
import io.polaroid.engine.kernels.PhysicalExpr;
import io.polaroid.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Kleene {@code and}, {@code or} (any number of terms, bound as a balanced tree) and {@code not}. */
final class LogicFunctions implements FunctionFamily {
    @Override
    public String name() {
        return "logic";
    }

    @Override
    public List<FunctionDef> functions() {
        return List.of(
                scalar(FunctionNames.AND, "and(a: bool, b: bool, ...) -> bool", "Expr.and_", "Expr.and",
                        c -> chain(c, ScalarFn.AND)),
                scalar(FunctionNames.OR, "or(a: bool, b: bool, ...) -> bool", "Expr.or_", "Expr.or",
                        c -> chain(c, ScalarFn.OR)),
                scalar(FunctionNames.NOT, "not(x: bool) -> bool", "Expr.not_", "Expr.not", c -> {
                    c.arity(1);
                    return new BoundExpr.Call(ScalarFn.NOT, List.of(c.bool(c.arg(0))), DataType.BOOL);
                }));
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        return Map.of(ScalarFn.AND, LogicFunctions::balanced, ScalarFn.OR, LogicFunctions::balanced,
                ScalarFn.NOT, (call, compile) -> new NotExpr(compile.apply(call.args().get(0))));
    }

    private static BoundExpr chain(Binding c, ScalarFn fn) {
        if (c.size() < 2) {
            throw c.invalid("needs at least 2 arguments");
        }
        List<BoundExpr> terms = new ArrayList<>(c.size());
        for (Arg arg : c.args()) {
            terms.add(c.bool(arg));
        }
        return LogicalChains.combine(fn, terms);
    }

    /**
     * A chain of ANDs (or ORs), however the plan nested it, as a balanced tree of kernels, so that
     * evaluating 10,000 terms recurses 14 levels. AND and OR are associative (also with nulls).
     */
    private static PhysicalExpr balanced(BoundExpr.Call call, Function<BoundExpr, PhysicalExpr> compile) {
        List<PhysicalExpr> terms = new ArrayList<>();
        for (BoundExpr term : LogicalChains.terms(call)) {
            terms.add(compile.apply(term));
        }
        return balanced(call.fn() == ScalarFn.AND, terms, 0, terms.size());
    }

    private static PhysicalExpr balanced(boolean isAnd, List<PhysicalExpr> terms, int from, int to) {
        if (to - from == 1) {
            return terms.get(from);
        }
        int mid = (from + to + 1) >>> 1;
        return new LogicalExpr(isAnd, balanced(isAnd, terms, from, mid), balanced(isAnd, terms, mid, to));
    }
}
