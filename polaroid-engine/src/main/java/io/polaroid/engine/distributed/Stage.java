package io.polaroid.engine.distributed;

import io.polaroid.engine.optimizer.PlanPrinter;
import io.polaroid.engine.plan.LogicalPlan;
import java.util.List;

/**
 * One stage of a distributed plan: a fragment that {@code tasks} tasks run, each on its share of
 * the fragment's split scan or on its partition of the exchanges it reads, writing its output
 * split by {@code output}. {@code inputs} are the stages whose output it reads.
 */
public record Stage(int id, LogicalPlan fragment, Partitioning output, List<Integer> inputs, int tasks) {
    public Stage {
        inputs = List.copyOf(new java.util.LinkedHashSet<>(inputs)); // a stage may read another twice
        if (tasks < 1) {
            throw new IllegalArgumentException("a stage needs at least one task");
        }
    }

    /** Output partitions of each task. */
    public int partitions() {
        return output.count();
    }

    public String explain() {
        StringBuilder sb = new StringBuilder();
        sb.append("Stage ").append(id).append(": ").append(tasks).append(tasks == 1 ? " task" : " tasks")
                .append(", output ").append(output);
        if (!inputs.isEmpty()) {
            sb.append(", reads stages ").append(inputs);
        }
        sb.append('\n');
        for (String line : PlanPrinter.print(fragment).split("\n")) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }
}
