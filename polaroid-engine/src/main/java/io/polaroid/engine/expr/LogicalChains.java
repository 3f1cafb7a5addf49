package io.polaroid.engine.expr;

import io.polaroid.engine.types.DataType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * AND and OR over many terms. Both are binary in {@link BoundExpr}; a chain of thousands of terms
 * built one after the other is thousands deep, which every recursive pass (and evaluation) pays
 * for in stack. {@link #combine} builds a balanced tree instead (depth log2 of the terms), which
 * AND and OR allow since they are associative, also under three-valued logic.
 */
public final class LogicalChains {
    private LogicalChains() {
    }

    /** The terms in order, {@code a AND (b AND c)} as [a, b, c], whatever the nesting; iterative. */
    public static List<BoundExpr> terms(BoundExpr.Call chain) {
        ScalarFn fn = chain.fn();
        List<BoundExpr> out = new ArrayList<>();
        Deque<BoundExpr> pending = new ArrayDeque<>();
        pending.push(chain);
        while (!pending.isEmpty()) {
            BoundExpr e = pending.pop();
            if (e instanceof BoundExpr.Call c && c.fn() == fn) {
                for (int i = c.args().size() - 1; i >= 0; i--) {
                    pending.push(c.args().get(i));
                }
            } else {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * {@code fn} (AND or OR) of at least one term, as a balanced tree. Up to three terms it nests to
     * the left as the terms come, {@code (a AND b) AND c}, as a chain built one by one would.
     */
    public static BoundExpr combine(ScalarFn fn, List<BoundExpr> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("no terms");
        }
        return balanced(fn, terms, 0, terms.size());
    }

    private static BoundExpr balanced(ScalarFn fn, List<BoundExpr> terms, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return terms.get(from);
        }
        int mid = n <= 3 ? to - 1 : (from + to + 1) >>> 1;
        return new BoundExpr.Call(fn, List.of(balanced(fn, terms, from, mid), balanced(fn, terms, mid, to)), DataType.BOOL);
    }
}
