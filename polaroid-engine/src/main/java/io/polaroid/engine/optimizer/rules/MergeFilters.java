package io.polaroid.engine.optimizer.rules;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.optimizer.OptimizerRule;
import io.polaroid.engine.optimizer.PlanRewrites;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.FilterNode;
import io.polaroid.engine.types.DataType;
import java.util.List;
import java.util.Optional;

/** {@code filter(b)} over {@code filter(a)} becomes one {@code filter(a and b)}: one pass over the rows. */
public final class MergeFilters implements OptimizerRule {
    @Override
    public String name() {
        return "merge_filters";
    }

    @Override
    public Optional<LogicalPlan> apply(LogicalPlan plan) {
        return PlanRewrites.transformUp(plan, node -> {
            if (node instanceof FilterNode outer && outer.input() instanceof FilterNode inner) {
                // Balanced (Exprs.conjoin): a thousand filters in a row must not become a thousand-deep AND.
                List<BoundExpr> terms = new java.util.ArrayList<>(io.polaroid.engine.expr.Exprs.conjuncts(inner.predicate()));
                terms.addAll(io.polaroid.engine.expr.Exprs.conjuncts(outer.predicate()));
                BoundExpr both = io.polaroid.engine.expr.Exprs.conjoin(terms);
                return Optional.of(new FilterNode(inner.input(), both));
            }
            return Optional.empty();
        });
    }
}
