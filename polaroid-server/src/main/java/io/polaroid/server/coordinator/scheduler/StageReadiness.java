package io.polaroid.server.coordinator.scheduler;

import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.distributed.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * Which stages can run now: a stage runs when it misses tasks, something still needs its output
 * (it is the result, or a stage reading it misses tasks), and every stage it reads is complete,
 * or, when exchanges are pipelined, has every missing task running (the stage reads their output
 * while it is made). Stages that do not depend on each other (the two sides of a join) are ready
 * at the same time.
 * Each test reads the task table's per-stage counters, so it costs the stage's inputs and
 * consumers, never its tasks.
 */
final class StageReadiness {
    private final List<Stage> stages;
    private final int root;
    /** For each stage, the stages that read it. */
    private final int[][] consumers;

    private final boolean pipeline;

    StageReadiness(DistributedPlan plan, boolean pipeline) {
        this.pipeline = pipeline;
        this.stages = plan.stages();
        this.root = plan.root().id();
        List<List<Integer>> readers = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            readers.add(new ArrayList<>());
        }
        for (Stage s : stages) {
            for (int input : s.inputs()) {
                readers.get(input).add(s.id());
            }
        }
        consumers = new int[stages.size()][];
        for (int i = 0; i < consumers.length; i++) {
            consumers[i] = readers.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** Whether a stage may read the outputs of running attempts. */
    boolean pipelined() {
        return pipeline;
    }

    /** The stages that read {@code stage}. */
    int[] consumers(int stage) {
        return consumers[stage];
    }

    boolean ready(Stage s, TaskTable table) {
        if (table.missing(s.id()) == 0 || !needed(s.id(), table)) {
            return false;
        }
        for (int input : s.inputs()) {
            if (table.missing(input) > 0 && !(pipeline && table.toRun(input).isEmpty())) {
                return false;
            }
        }
        return true;
    }

    /** True when every stage {@code s} reads is complete. */
    boolean inputsComplete(int s, TaskTable table) {
        for (int input : stages.get(s).inputs()) {
            if (table.missing(input) > 0) {
                return false;
            }
        }
        return true;
    }

    private boolean needed(int stage, TaskTable table) {
        if (stage == root) {
            return true;
        }
        for (int c : consumers[stage]) {
            if (table.missing(c) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Stages with every task's output in place. */
    int complete(TaskTable table) {
        int done = 0;
        for (Stage s : stages) {
            if (table.missing(s.id()) == 0) {
                done++;
            }
        }
        return done;
    }
}
