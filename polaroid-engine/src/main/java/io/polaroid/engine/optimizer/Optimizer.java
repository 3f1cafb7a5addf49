package io.polaroid.engine.optimizer;

import io.polaroid.engine.plan.LogicalPlan;
import java.util.List;
import java.util.Optional;

/**
 * Applies rules that must run once, then an ordered list of rules pass after pass until no rule
 * changes the plan (or a pass limit).
 */
public final class Optimizer {
    private static final int MAX_PASSES = 16;

    private final List<OptimizerRule> once;
    private final List<OptimizerRule> rules;

    public Optimizer(List<OptimizerRule> once, List<OptimizerRule> rules) {
        this.once = List.copyOf(once);
        this.rules = List.copyOf(rules);
    }

    public Optimizer(List<OptimizerRule> rules) {
        this(List.of(), rules);
    }

    public List<OptimizerRule> rules() {
        return rules;
    }

    public LogicalPlan optimize(LogicalPlan plan) {
        for (OptimizerRule rule : once) {
            io.polaroid.engine.dsl.PlanningStack.checkCancelled();
            plan = rule.apply(plan).orElse(plan);
        }
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            boolean changed = false;
            for (OptimizerRule rule : rules) {
                io.polaroid.engine.dsl.PlanningStack.checkCancelled();
                Optional<LogicalPlan> result = rule.apply(plan);
                if (result.isPresent()) {
                    plan = result.get();
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        return plan;
    }
}
