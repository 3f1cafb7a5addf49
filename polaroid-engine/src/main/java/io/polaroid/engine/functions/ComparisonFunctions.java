package io.polaroid.engine.functions;

import static io.polaroid.engine.functions.FunctionDef.scalar;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.functions.TypeCoercion.Arg;
import io.polaroid.engine.kernels.CompareExpr;
import io.polaroid.engine.kernels.InListExpr;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code == != < <= > >=}, {@code is_in} and {@code is_between}: operands meet at their supertype. */
final class ComparisonFunctions implements FunctionFamily {
    @Override
    public String name() {
        return "comparison";
    }

    @Override
    public List<FunctionDef> functions() {
        return List.of(
                comparison(FunctionNames.EQ, ScalarFn.EQ), comparison(FunctionNames.NE, ScalarFn.NE),
                comparison(FunctionNames.LT, ScalarFn.LT), comparison(FunctionNames.LE, ScalarFn.LE),
                comparison(FunctionNames.GT, ScalarFn.GT), comparison(FunctionNames.GE, ScalarFn.GE),
                scalar(FunctionNames.IS_IN, "is_in(x, v1: lit, v2: lit, ...) -> bool", "Expr.is_in", "Expr.isIn",
                        ComparisonFunctions::isIn),
                scalar(FunctionNames.IS_BETWEEN, "is_between(x, low, high[, closed: 'both'|'left'|'right'|'none' lit]) -> bool",
                        "Expr.is_between", "Expr.isBetween", ComparisonFunctions::isBetween));
    }

    private static FunctionDef comparison(String name, ScalarFn fn) {
        return scalar(name, name + "(a, b) -> bool", "Expr." + name, "Expr." + name, c -> {
            c.arity(2);
            return compare(c, fn, c.arg(0), c.arg(1));
        });
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        Kernel compare = (call, compile) -> new CompareExpr(call.fn(), compile.apply(call.args().get(0)),
                compile.apply(call.args().get(1)));
        return Map.of(ScalarFn.EQ, compare, ScalarFn.NE, compare, ScalarFn.LT, compare, ScalarFn.LE, compare,
                ScalarFn.GT, compare, ScalarFn.GE, compare,
                ScalarFn.IS_IN, (call, compile) -> {
                    List<Object> values = new ArrayList<>();
                    for (BoundExpr v : call.args().subList(1, call.args().size())) {
                        values.add(Kernel.literal(v));
                    }
                    return new InListExpr(compile.apply(call.args().get(0)), values);
                });
    }

    static BoundExpr compare(Binding c, ScalarFn fn, Arg a, Arg b) {
        BoundExpr[] adapted = TypeCoercion.adaptLiterals(a, b);
        BoundExpr l = adapted[0];
        BoundExpr r = adapted[1];
        DataType common = TypeCoercion.supertype(l.type(), r.type());
        if (common == null || common.kind() == TypeKind.INTERVAL) {
            throw c.mismatch("cannot compare " + a.type() + " with " + b.type());
        }
        if (common.kind() == TypeKind.NULL) {
            common = DataType.BOOL;
        }
        return new BoundExpr.Call(fn, List.of(TypeCoercion.castTo(l, common), TypeCoercion.castTo(r, common)), DataType.BOOL);
    }

    private static BoundExpr isIn(Binding c) {
        if (c.size() < 2) {
            throw c.invalid("needs a value and at least one candidate");
        }
        Arg x = c.arg(0);
        // Polars: a Float32 column meets a list of Python floats as Float64 (0.1 as f32 is not in [0.1])
        boolean wide = x.type().kind() == TypeKind.FLOAT32 && java.util.stream.IntStream.range(1, c.size())
                .anyMatch(i -> c.arg(i).type().kind() == TypeKind.FLOAT64);
        DataType target = wide ? DataType.FLOAT64 : x.type();
        List<BoundExpr> out = new ArrayList<>();
        out.add(wide ? TypeCoercion.castTo(x.expr(), target) : x.expr());
        for (int i = 1; i < c.size(); i++) {
            Arg v = c.arg(i);
            if (!v.isLiteral()) {
                throw c.invalid("candidates must be literal values");
            }
            BoundExpr.Literal adapted = TypeCoercion.adaptLiteral(v, target);
            if (adapted == null) {
                if (TypeCoercion.supertype(v.type(), x.type()) == null) {
                    throw c.mismatch("cannot compare " + x.type() + " with " + v.type());
                }
                adapted = (BoundExpr.Literal) TypeCoercion.castTo(v.expr(), target);
            }
            out.add(adapted);
        }
        return new BoundExpr.Call(ScalarFn.IS_IN, out, DataType.BOOL);
    }

    private static BoundExpr isBetween(Binding c) {
        if (c.size() != 3 && c.size() != 4) {
            throw c.invalid("takes a value, a lower and an upper bound, and optionally 'both', 'left', 'right' or 'none'");
        }
        String closed = c.size() == 4 ? c.stringLiteral(c.arg(3), "closed") : "both";
        if (!List.of("both", "left", "right", "none").contains(closed)) {
            throw c.invalid("closed must be 'both', 'left', 'right' or 'none', not '" + closed + "'");
        }
        boolean lowClosed = closed.equals("both") || closed.equals("left");
        boolean highClosed = closed.equals("both") || closed.equals("right");
        BoundExpr low = compare(c, lowClosed ? ScalarFn.GE : ScalarFn.GT, c.arg(0), c.arg(1));
        BoundExpr high = compare(c, highClosed ? ScalarFn.LE : ScalarFn.LT, c.arg(0), c.arg(2));
        return new BoundExpr.Call(ScalarFn.AND, List.of(low, high), DataType.BOOL);
    }
}
