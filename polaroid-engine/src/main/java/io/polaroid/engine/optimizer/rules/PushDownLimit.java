package io.polaroid.engine.optimizer.rules;

import io.polaroid.engine.optimizer.OptimizerRule;
import io.polaroid.engine.optimizer.PlanRewrites;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.LimitNode;
import io.polaroid.engine.plan.LogicalPlan.ProjectNode;
import io.polaroid.engine.plan.LogicalPlan.ScanNode;
import io.polaroid.engine.plan.LogicalPlan.SortNode;
import io.polaroid.engine.plan.LogicalPlan.UnionNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lets operators below a limit stop early: a limit over a sort becomes a top-k sort, a limit
 * passes below projections, tells a scan when it may stop, caps each input of a union, and two
 * limits merge into one.
 */
public final class PushDownLimit implements OptimizerRule {
    @Override
    public String name() {
        return "push_down_limit";
    }

    @Override
    public Optional<LogicalPlan> apply(LogicalPlan plan) {
        return PlanRewrites.transformDown(plan, node -> node instanceof LimitNode l ? push(l) : Optional.empty());
    }

    private static Optional<LogicalPlan> push(LimitNode limit) {
        if (limit.fetch() == null) {
            return Optional.empty();
        }
        long needed = limit.offset() + limit.fetch();
        LogicalPlan input = limit.input();
        if (input instanceof LimitNode inner) {
            long offset = inner.offset() + limit.offset();
            long innerLeft = inner.fetch() == null ? Long.MAX_VALUE : Math.max(0, inner.fetch() - limit.offset());
            return Optional.of(new LimitNode(inner.input(), offset, Math.min(innerLeft, limit.fetch())));
        }
        if (input instanceof ProjectNode p) {
            return Optional.of(new ProjectNode(new LimitNode(p.input(), limit.offset(), limit.fetch()), p.exprs()));
        }
        if (input instanceof SortNode s && (s.fetch() == null || s.fetch() > needed)) {
            LogicalPlan topK = new SortNode(s.input(), s.keys(), needed);
            return Optional.of(limit.offset() == 0 ? topK : new LimitNode(topK, limit.offset(), limit.fetch()));
        }
        if (input instanceof SortNode s && limit.offset() == 0 && s.fetch() != null && s.fetch() <= needed) {
            return Optional.of(s);
        }
        if (input instanceof ScanNode s && (s.limit() == null || s.limit() > needed)) {
            return Optional.of(new LimitNode(s.withLimit(needed), limit.offset(), limit.fetch()));
        }
        if (input instanceof UnionNode u) {
            boolean changed = false;
            List<LogicalPlan> inputs = new ArrayList<>();
            for (LogicalPlan in : u.inputs()) {
                if (in instanceof LimitNode l && l.offset() == 0 && l.fetch() != null && l.fetch() <= needed) {
                    inputs.add(in);
                } else {
                    inputs.add(new LimitNode(in, 0, needed));
                    changed = true;
                }
            }
            return changed ? Optional.of(new LimitNode(new UnionNode(inputs), limit.offset(), limit.fetch())) : Optional.empty();
        }
        return Optional.empty();
    }
}
