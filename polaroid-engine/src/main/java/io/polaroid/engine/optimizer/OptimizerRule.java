package io.polaroid.engine.optimizer;

import io.polaroid.engine.plan.LogicalPlan;
import java.util.Optional;

/** One rewrite of the resolved plan. Returns the new plan, or empty when it changed nothing. */
public interface OptimizerRule {
    String name();

    Optional<LogicalPlan> apply(LogicalPlan plan);
}
