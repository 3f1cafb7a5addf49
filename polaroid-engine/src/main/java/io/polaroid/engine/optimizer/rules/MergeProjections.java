package io.polaroid.engine.optimizer.rules;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.Exprs;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.optimizer.OptimizerRule;
import io.polaroid.engine.optimizer.PlanRewrites;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.ProjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A projection over a projection becomes one, with the inner expressions substituted, as long
 * as no inner computation would then be done twice; a projection that passes every column
 * through unchanged disappears.
 */
public final class MergeProjections implements OptimizerRule {
    @Override
    public String name() {
        return "merge_projections";
    }

    @Override
    public Optional<LogicalPlan> apply(LogicalPlan plan) {
        return PlanRewrites.transformUp(plan, node -> {
            if (!(node instanceof ProjectNode outer)) {
                return Optional.empty();
            }
            if (outer.isIdentity()) {
                return Optional.of(outer.input());
            }
            if (!(outer.input() instanceof ProjectNode inner)) {
                return Optional.empty();
            }
            Map<String, BoundExpr> defs = new HashMap<>();
            for (NamedExpr e : inner.exprs()) {
                defs.put(e.name(), e.expr());
            }
            Map<String, Integer> uses = new HashMap<>();
            for (NamedExpr e : outer.exprs()) {
                countUses(e.expr(), uses);
            }
            for (Map.Entry<String, Integer> use : uses.entrySet()) {
                BoundExpr def = defs.get(use.getKey());
                if (use.getValue() > 1 && def != null && !(def instanceof BoundExpr.ColumnRef) && !(def instanceof BoundExpr.Literal)) {
                    return Optional.empty();
                }
            }
            List<NamedExpr> merged = new ArrayList<>();
            for (NamedExpr e : outer.exprs()) {
                merged.add(new NamedExpr(e.name(), Exprs.substitute(e.expr(), defs)));
            }
            return Optional.of(new ProjectNode(inner.input(), merged));
        });
    }

    private static void countUses(BoundExpr e, Map<String, Integer> uses) {
        if (e instanceof BoundExpr.ColumnRef c) {
            uses.merge(c.name(), 1, Integer::sum);
        }
        for (BoundExpr child : e.children()) {
            countUses(child, uses);
        }
    }
}
