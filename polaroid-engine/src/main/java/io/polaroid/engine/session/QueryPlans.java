package io.polaroid.engine.session;

import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.optimizer.PlanPrinter;
import io.polaroid.engine.physical.PhysicalPlanner;
import io.polaroid.engine.plan.LogicalPlan;

/** The three plans of a query: as resolved, as optimized, and the operators that run it. */
public record QueryPlans(LogicalPlan logical, LogicalPlan optimized, ExecNode physical) {
    public String explain() {
        return "== Logical plan ==\n" + PlanPrinter.print(logical)
                + "== Optimized plan ==\n" + PlanPrinter.print(optimized)
                + "== Physical plan ==\n" + PhysicalPlanner.print(physical);
    }
}
