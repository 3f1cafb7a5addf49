package io.polaroid.engine.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Walks of a plan expression that need no engine, shared by the analyzer and the client API: the
 * children that are expressions of the rows, and whether an expression holds a row set.
 */
public final class ExprWalk {
    /** The column that is each value of a list in {@code list.eval} and {@code list.filter} (Polars' {@code pl.element()}). */
    public static final String ELEMENT = "element()";

    /** The calls that give their own set of rows ({@code sort}, {@code head}, {@code filter}, ...), not one per input row. */
    public static final Set<String> ROW_SETS = Set.of(FunctionNames.SORT, FunctionNames.SORT_BY, FunctionNames.ARG_SORT,
            FunctionNames.HEAD, FunctionNames.TAIL, FunctionNames.SLICE, FunctionNames.TOP_K, FunctionNames.BOTTOM_K,
            FunctionNames.TOP_K_BY, FunctionNames.BOTTOM_K_BY, FunctionNames.GATHER, FunctionNames.GATHER_EVERY,
            FunctionNames.DROP_NULLS, FunctionNames.DROP_NANS, FunctionNames.ARG_TRUE, FunctionNames.FILTER);

    private ExprWalk() {
    }

    /** Whether {@code function} runs an element-wise expression over each value of a list (list.eval, list.filter). */
    public static boolean runsOnElements(String function) {
        return function.equals(FunctionNames.LIST_EVAL) || function.equals(FunctionNames.LIST_FILTER);
    }

    /** The arguments of a call that are expressions of the rows: all but the element's expression of list.eval and list.filter. */
    public static List<Expr> outerArgs(Expr.Call call) {
        return runsOnElements(call.function()) && call.args().size() == 2 ? call.args().subList(0, 1) : call.args();
    }

    /** The sub-expressions of {@code e} that are expressions of the rows. */
    public static List<Expr> children(Expr e) {
        if (e instanceof Expr.Call c) {
            return outerArgs(c);
        }
        if (e instanceof Expr.Alias a) {
            return List.of(a.expr());
        }
        if (e instanceof Expr.Cast c) {
            return List.of(c.expr());
        }
        if (e instanceof Expr.Window w) {
            List<Expr> out = new ArrayList<>(w.partitionBy());
            w.orderBy().forEach(k -> out.add(k.expr()));
            out.add(w.expr());
            return out;
        }
        if (e instanceof Expr.When w) {
            List<Expr> out = new ArrayList<>();
            for (Expr.Branch b : w.branches()) {
                out.add(b.condition());
                out.add(b.then());
            }
            if (w.otherwise() != null) {
                out.add(w.otherwise());
            }
            return out;
        }
        return List.of();
    }

    /** Whether {@code e} holds a row-set expression. */
    public static boolean hasRowSet(Expr e) {
        if (e instanceof Expr.Call c && ROW_SETS.contains(c.function())) {
            return true;
        }
        return children(e).stream().anyMatch(ExprWalk::hasRowSet);
    }
}
