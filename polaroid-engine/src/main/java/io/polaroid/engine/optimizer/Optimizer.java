package io.polaroid.engine.optimizer;

import io.polaroid.engine.plan.LogicalPlan;
import java.util.List;
import java.util.Optional;

/** Applies an ordered list of rules, pass after pass, until no rule changes the plan (or a pass limit). */
public final class Optimizer {
    private static final int MAX_PASSES = 16;

    private final List<OptimizerRule> rules;

    public Optimizer(List<OptimizerRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<OptimizerRule> rules() {
        return rules;
    }

    public LogicalPlan optimize(LogicalPlan plan) {
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            boolean changed = false;
            for (OptimizerRule rule : rules) {
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
