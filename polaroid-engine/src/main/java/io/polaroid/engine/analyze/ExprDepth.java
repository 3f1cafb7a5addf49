package io.polaroid.engine.analyze;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.BoundExpr;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The nesting limit of a bound expression. Evaluation recurses once per level on whatever thread
 * runs the query, with that thread's ordinary stack, and a stack overflow can strike inside
 * Arrow's allocator and leave memory unaccounted: so a plan is refused at analysis instead. The
 * limit is DuckDB's default {@code max_expression_depth}; a 1 MB stack runs every kind of
 * expression at 2,000 levels. Wide expressions do not count against it: a chain of {@code and()}
 * or {@code or()} binds as one balanced call, 10,000 terms deep 15.
 */
public final class ExprDepth {
    public static final int MAX = 1_000;

    private ExprDepth() {
    }

    /** {@code bound} if it nests at most {@link #MAX} levels; otherwise an INVALID_PLAN naming the limit. */
    static BoundExpr check(BoundExpr bound, Expr source) {
        int depth = depth(bound);
        if (depth > MAX) {
            String what = source instanceof Expr.Call c ? "an expression (" + c.function() + "(...))" : "an expression";
            throw PolaroidException.invalidPlan(what + " nests " + depth + " levels deep, over the limit of " + MAX
                    + " levels; compute the inner part in an earlier with_columns() and refer to it by name");
        }
        return bound;
    }

    /** Levels from the root to the deepest leaf, walked without recursion. */
    static int depth(BoundExpr root) {
        Deque<BoundExpr> nodes = new ArrayDeque<>();
        Deque<Integer> levels = new ArrayDeque<>();
        nodes.push(root);
        levels.push(1);
        int deepest = 0;
        while (!nodes.isEmpty()) {
            BoundExpr e = nodes.pop();
            int level = levels.pop();
            deepest = Math.max(deepest, level);
            for (BoundExpr child : e.children()) {
                nodes.push(child);
                levels.push(level + 1);
            }
        }
        return deepest;
    }
}
