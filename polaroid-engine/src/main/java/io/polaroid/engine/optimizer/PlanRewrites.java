package io.polaroid.engine.optimizer;

import io.polaroid.engine.plan.LogicalPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Walking a plan and rebuilding only what changed. */
public final class PlanRewrites {
    private PlanRewrites() {
    }

    /**
     * Applies {@code rule} to every node bottom-up (children first); returns the new plan, or empty
     * when no node changed.
     */
    public static Optional<LogicalPlan> transformUp(LogicalPlan plan, Function<LogicalPlan, Optional<LogicalPlan>> rule) {
        boolean[] changed = new boolean[1];
        LogicalPlan result = up(plan, rule, changed);
        return changed[0] ? Optional.of(result) : Optional.empty();
    }

    private static LogicalPlan up(LogicalPlan plan, Function<LogicalPlan, Optional<LogicalPlan>> rule, boolean[] changed) {
        List<LogicalPlan> children = plan.children();
        if (!children.isEmpty()) {
            List<LogicalPlan> rewritten = new ArrayList<>(children.size());
            boolean any = false;
            for (LogicalPlan child : children) {
                LogicalPlan r = up(child, rule, changed);
                any |= r != child;
                rewritten.add(r);
            }
            if (any) {
                plan = plan.withChildren(rewritten);
            }
        }
        Optional<LogicalPlan> r = rule.apply(plan);
        if (r.isPresent()) {
            changed[0] = true;
            return r.get();
        }
        return plan;
    }

    /**
     * Applies {@code rule} top-down: to a node first, then (again) to the children of what it
     * returned. Returns empty when no node changed.
     */
    public static Optional<LogicalPlan> transformDown(LogicalPlan plan, Function<LogicalPlan, Optional<LogicalPlan>> rule) {
        boolean[] changed = new boolean[1];
        LogicalPlan result = down(plan, rule, changed, 0);
        return changed[0] ? Optional.of(result) : Optional.empty();
    }

    private static LogicalPlan down(LogicalPlan plan, Function<LogicalPlan, Optional<LogicalPlan>> rule, boolean[] changed,
                                    int depth) {
        Optional<LogicalPlan> r = rule.apply(plan);
        if (r.isPresent()) {
            changed[0] = true;
            plan = r.get();
        }
        List<LogicalPlan> children = plan.children();
        if (children.isEmpty()) {
            return plan;
        }
        List<LogicalPlan> rewritten = new ArrayList<>(children.size());
        boolean any = false;
        for (LogicalPlan child : children) {
            LogicalPlan c = down(child, rule, changed, depth + 1);
            any |= c != child;
            rewritten.add(c);
        }
        return any ? plan.withChildren(rewritten) : plan;
    }
}
