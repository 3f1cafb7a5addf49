package io.polaroid.server.coordinator.scheduler;

import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.distributed.ExchangeSource;
import io.polaroid.engine.distributed.Partitioning;
import io.polaroid.engine.distributed.Stage;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.io.Statistics;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import java.util.Arrays;
import java.util.List;

/** Distributed plans made by hand for the scheduler's tests: only the stage graph matters to it. */
public final class TestPlans {
    private static final Schema SCHEMA = Schema.of(Field.of("k", DataType.INT64));

    private TestPlans() {
    }

    /** A stage whose output is hash-partitioned into {@code partitions} (the tasks of the stage reading it). */
    public static Stage hashed(int id, int tasks, int partitions, Integer... inputs) {
        return new Stage(id, fragment(id), new Partitioning.Hash(List.of(new BoundExpr.ColumnRef("k", DataType.INT64)),
                partitions), Arrays.asList(inputs), tasks);
    }

    /** A stage with one output partition (gathered, or broadcast to every reading task). */
    public static Stage single(int id, int tasks, Integer... inputs) {
        return new Stage(id, fragment(id), new Partitioning.Single(), Arrays.asList(inputs), tasks);
    }

    public static DistributedPlan plan(Stage... stages) {
        return new DistributedPlan(List.of(stages), false);
    }

    private static LogicalPlan fragment(int id) {
        return LogicalPlan.ScanNode.of(ExchangeSource.unbound(id, SCHEMA, Statistics.UNKNOWN));
    }
}
