package io.polaroid.engine.optimizer.rules;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.Exprs;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.optimizer.ConstantEvaluator;
import io.polaroid.engine.optimizer.OptimizerRule;
import io.polaroid.engine.optimizer.PlanExpressions;
import io.polaroid.engine.optimizer.PlanRewrites;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.FilterNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates every subexpression without column references once, at planning time, with the
 * same kernels that run queries, and simplifies boolean logic around literals:
 * {@code x and true} is x, {@code x and false} is false, {@code x or true} is true, when()
 * branches that cannot be taken go away, and a filter that is always true disappears.
 */
public final class FoldConstants implements OptimizerRule {
    @Override
    public String name() {
        return "fold_constants";
    }

    @Override
    public Optional<LogicalPlan> apply(LogicalPlan plan) {
        return PlanRewrites.transformUp(plan, node -> {
            LogicalPlan folded = PlanExpressions.rewrite(node, FoldConstants::fold).orElse(node);
            if (folded instanceof FilterNode f && Exprs.isLiteral(f.predicate(), Boolean.TRUE)) {
                return Optional.of(f.input());
            }
            return folded == node ? Optional.empty() : Optional.of(folded);
        });
    }

    public static BoundExpr fold(BoundExpr expr) {
        return BoundExpr.transformUp(expr, FoldConstants::foldNode);
    }

    private static BoundExpr foldNode(BoundExpr e) {
        if (e instanceof BoundExpr.Literal || e instanceof BoundExpr.ColumnRef) {
            return e;
        }
        if (e instanceof BoundExpr.Call c) {
            BoundExpr simplified = simplifyLogic(c);
            if (simplified != c) {
                return simplified;
            }
        }
        if (e instanceof BoundExpr.Case c) {
            BoundExpr simplified = simplifyCase(c);
            if (simplified != c) {
                return simplified;
            }
        }
        for (BoundExpr child : e.children()) {
            if (!(child instanceof BoundExpr.Literal)) {
                return e;
            }
        }
        io.polaroid.engine.dsl.PlanningStack.checkCancelled();
        try {
            return new BoundExpr.Literal(ConstantEvaluator.evaluate(e), e.type());
        } catch (PolaroidException ex) {
            return e; // e.g. an overflow: leave it to fail at run time, where it happens on a row
        }
    }

    private static BoundExpr simplifyLogic(BoundExpr.Call c) {
        if (c.fn() != ScalarFn.AND && c.fn() != ScalarFn.OR) {
            return c;
        }
        BoundExpr a = c.args().get(0);
        BoundExpr b = c.args().get(1);
        boolean and = c.fn() == ScalarFn.AND;
        Boolean neutral = and;
        Boolean absorbing = !and;
        if (Exprs.isLiteral(a, absorbing) || Exprs.isLiteral(b, absorbing)) {
            return new BoundExpr.Literal(absorbing, c.type());
        }
        if (Exprs.isLiteral(a, neutral)) {
            return b;
        }
        if (Exprs.isLiteral(b, neutral)) {
            return a;
        }
        return c;
    }

    private static BoundExpr simplifyCase(BoundExpr.Case c) {
        List<BoundExpr> conditions = new ArrayList<>();
        List<BoundExpr> values = new ArrayList<>();
        for (int i = 0; i < c.conditions().size(); i++) {
            BoundExpr cond = c.conditions().get(i);
            if (cond instanceof BoundExpr.Literal l) {
                if (Boolean.TRUE.equals(l.value())) {
                    if (conditions.isEmpty()) {
                        return c.values().get(i);
                    }
                    return new BoundExpr.Case(conditions, values, c.values().get(i), c.type());
                }
                continue; // false or null: never taken
            }
            conditions.add(cond);
            values.add(c.values().get(i));
        }
        if (conditions.size() == c.conditions().size()) {
            return c;
        }
        return conditions.isEmpty() ? c.otherwise() : new BoundExpr.Case(conditions, values, c.otherwise(), c.type());
    }
}
