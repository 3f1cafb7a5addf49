package io.polaroid.engine.distributed;

import io.polaroid.engine.io.DataSource;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.ScanNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a stage's fragment the plan of one of its tasks: each exchange is bound to the
 * partitions the task reads, each other scan to the task's share of its morsels.
 */
public final class FragmentBinder {
    private FragmentBinder() {
    }

    public static LogicalPlan bind(Stage stage, int task, ExchangeInputs inputs) {
        if (task < 0 || task >= stage.tasks()) {
            throw new IllegalArgumentException("stage " + stage.id() + " has no task " + task);
        }
        return bind(stage.fragment(), task, stage.tasks(), inputs);
    }

    private static LogicalPlan bind(LogicalPlan plan, int task, int tasks, ExchangeInputs inputs) {
        if (plan instanceof ScanNode s) {
            DataSource source = s.source() instanceof ExchangeSource e
                    ? e.bind(inputs.partitions(e.stageId(), e.schema()))
                    : new SplitSource(s.source(), task, tasks);
            return new ScanNode(source, s.columns(), s.filters(), s.limit());
        }
        List<LogicalPlan> children = new ArrayList<>();
        for (LogicalPlan child : plan.children()) {
            children.add(bind(child, task, tasks, inputs));
        }
        return plan.withChildren(children);
    }
}
