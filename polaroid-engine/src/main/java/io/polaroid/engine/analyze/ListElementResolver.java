package io.polaroid.engine.analyze;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.ExprFormatter;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.functions.FunctionRegistry;
import io.polaroid.engine.functions.TypeCoercion.Arg;
import io.polaroid.engine.kernels.ListElementsExpr;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import java.util.List;
import java.util.function.Function;

/**
 * {@code list.eval(l, f)} and {@code list.filter(l, p)}: f (p) is an expression of each value of the
 * list, Polars' {@code pl.element()}, written as the column {@code element()}. It is bound over a schema of
 * that one column, of the list's element type, and travels in the bound call as a literal of a list of its type (so that
 * rules that walk the outer expression's columns do not see the element's); the kernel compiles it
 * over the lists' values. Only element-wise expressions: an aggregation or an order-dependent
 * function of the elements is refused by name.
 */
final class ListElementResolver {
    private ListElementResolver() {
    }

    static boolean handles(String function) {
        return io.polaroid.engine.dsl.ExprWalk.runsOnElements(function);
    }

    static Arg resolve(Expr.Call call, Function<Expr, Arg> outer) {
        if (call.args().size() != 2) {
            throw PolaroidException.invalidPlan(call.function() + " takes a list and an expression of the element: "
                    + ExprFormatter.format(call));
        }
        Arg list = outer.apply(call.args().get(0));
        if (!list.type().isList()) {
            throw PolaroidException.typeMismatch("type mismatch in " + ExprFormatter.format(call) + ": "
                    + call.function() + " needs a list, not " + list.type());
        }
        elementWise(call.args().get(1), call);
        Schema element = Schema.of(new Field(ListElementsExpr.ELEMENT, list.type().element(), true));
        BoundExpr inner = new ExprResolver(element).resolve(call.args().get(1));
        return new Arg(FunctionRegistry.bind(call, List.of(list, new Arg(new BoundExpr.Literal(inner, DataType.list(inner.type())), false))),
                false);
    }

    /** The arguments of a call that are expressions of the rows: all but the element's expression of list.eval and list.filter. */
    static List<Expr> outerArgs(Expr.Call call) {
        return io.polaroid.engine.dsl.ExprWalk.outerArgs(call);
    }

    private static void elementWise(Expr e, Expr.Call call) {
        boolean refused = e instanceof Expr.Window
                || e instanceof Expr.Call c && (FunctionNames.AGGREGATES.contains(c.function())
                || FunctionRegistry.isWindow(c.function()) || handles(c.function()));
        if (refused) {
            throw PolaroidException.invalidPlan(call.function() + " runs an element-wise expression of each value"
                    + " (pl.element()); " + ExprFormatter.format(e) + " is not one: " + ExprFormatter.format(call));
        }
        if (e instanceof Expr.Alias a) {
            elementWise(a.expr(), call);
        } else if (e instanceof Expr.Cast c) {
            elementWise(c.expr(), call);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(arg -> elementWise(arg, call));
        } else if (e instanceof Expr.When w) {
            w.branches().forEach(b -> {
                elementWise(b.condition(), call);
                elementWise(b.then(), call);
            });
            if (w.otherwise() != null) {
                elementWise(w.otherwise(), call);
            }
        }
    }
}
