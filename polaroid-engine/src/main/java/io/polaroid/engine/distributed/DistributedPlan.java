package io.polaroid.engine.distributed;

import io.polaroid.engine.types.Schema;
import java.util.List;

/**
 * A query cut into stages. Stages are listed so that every stage comes after the stages it reads;
 * the last one produces the result, one partition per task, in task order. {@code ordered} says
 * that this order is the query's order (the plan sorts).
 */
public record DistributedPlan(List<Stage> stages, boolean ordered) {
    public DistributedPlan {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a distributed plan needs a stage");
        }
    }

    public Stage root() {
        return stages.get(stages.size() - 1);
    }

    public Stage stage(int id) {
        for (Stage s : stages) {
            if (s.id() == id) {
                return s;
            }
        }
        throw new IllegalArgumentException("no stage " + id);
    }

    public Schema schema() {
        return root().fragment().schema();
    }

    public int taskCount() {
        return stages.stream().mapToInt(Stage::tasks).sum();
    }

    /** The stages as indented text, inputs first; the last stage returns the result. */
    public String explain() {
        return io.polaroid.engine.dsl.PlanningStack.call("printing the stages", this::explainHere);
    }

    private String explainHere() {
        StringBuilder sb = new StringBuilder();
        for (Stage s : stages) {
            sb.append(s.explain());
        }
        return sb.toString();
    }
}
