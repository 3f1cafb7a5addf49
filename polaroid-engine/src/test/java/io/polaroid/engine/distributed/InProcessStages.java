package io.polaroid.engine.distributed;

import com.google.protobuf.InvalidProtocolBufferException;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.serde.fragment.FragmentBinding;
import io.polaroid.engine.serde.fragment.TaskFragments;
import io.polaroid.engine.vector.Batch;
import io.polaroid.proto.v1.Fragment;
import io.polaroid.proto.v1.ScanParts;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.session.RunControl;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Runs a distributed plan in one process, stage after stage, task after task, with the exchanges
 * held in memory: the planner and the task runner without a network, for tests. Every task goes
 * through the wire as on a cluster: its fragment and scan parts are encoded to bytes, decoded and
 * bound, so a plan that runs here runs on workers that never see the query.
 */
public final class InProcessStages {
    private InProcessStages() {
    }

    /** The result rows as values, in task order; every batch read is closed. */
    public static List<List<Object>> rows(QueryEngine engine, DistributedPlan plan) {
        try (BufferAllocator results = engine.rootAllocator().newChildAllocator("results", 0, Long.MAX_VALUE)) {
            List<Batch> batches = run(engine, plan, results);
            try {
                return io.polaroid.engine.testing.Rows.of(batches);
            } finally {
                batches.forEach(Batch::close);
            }
        }
    }

    /** The result rows, in task order, owned by {@code resultAllocator}. */
    public static List<Batch> run(QueryEngine engine, DistributedPlan plan, BufferAllocator resultAllocator) {
        return run(engine, plan, resultAllocator, engine.config().threads());
    }

    /** {@link #run(QueryEngine, DistributedPlan, BufferAllocator)} with each task on {@code threads} threads. */
    public static List<Batch> run(QueryEngine engine, DistributedPlan plan, BufferAllocator resultAllocator, int threads) {
        StageTaskRunner runner = new StageTaskRunner(engine).withThreads(threads);
        TaskFragments fragments = new TaskFragments(plan);
        Map<Integer, List<TaskOutput>> outputs = new HashMap<>();
        try (BufferAllocator store = engine.rootAllocator().newChildAllocator("exchange", 0, Long.MAX_VALUE)) {
            try {
                for (Stage stage : plan.stages()) {
                    List<TaskOutput> done = new ArrayList<>();
                    outputs.put(stage.id(), done);
                    for (int task = 0; task < stage.tasks(); task++) {
                        int consumer = task;
                        ExchangeInputs inputs = (stageId, schema) -> {
                            int partition = plan.stage(stageId).output() instanceof Partitioning.Hash ? consumer : 0;
                            return outputs.get(stageId).stream()
                                    .map(o -> (Morsel) new CopyMorsel(o.partitions().get(partition), schema)).toList();
                        };
                        done.add(runner.run(onTheWire(fragments, stage, task, inputs, engine), stageOutput(fragments, stage), store,
                                "stage" + stage.id() + "-task" + task, new RunControl()));
                    }
                }
                List<Batch> result = new ArrayList<>();
                for (TaskOutput o : outputs.get(plan.root().id())) {
                    for (Batch b : o.partitions().get(0)) {
                        result.add(copy(b, resultAllocator, b.seq()));
                    }
                }
                return result;
            } finally {
                outputs.values().forEach(list -> list.forEach(TaskOutput::close));
            }
        }
    }

    /** The task's plan after a round trip through bytes, as a worker gets it. */
    private static LogicalPlan onTheWire(TaskFragments fragments, Stage stage, int task, ExchangeInputs inputs, QueryEngine engine) {
        try {
            Fragment fragment = Fragment.parseFrom(fragments.fragment(stage.id()).toByteArray());
            List<ScanParts> scans = new ArrayList<>();
            for (ScanParts p : fragments.scans(stage.id(), task)) {
                scans.add(ScanParts.parseFrom(p.toByteArray()));
            }
            return FragmentBinding.bind(fragment, scans, inputs, engine.files());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Partitioning stageOutput(TaskFragments fragments, Stage stage) {
        return FragmentBinding.output(fragments.hashKeys(stage.id()), stage.partitions());
    }

    static Batch copy(Batch b, BufferAllocator allocator, long seq) {
        int[] all = IntStream.range(0, b.rowCount()).toArray();
        List<FieldVector> columns = new ArrayList<>();
        for (FieldVector v : b.columns()) {
            columns.add(Vectors.take(v, all, all.length, allocator));
        }
        return Batch.of(b.schema(), columns, b.rowCount(), seq);
    }

    /** One producer's partition, read as copies into the reading task's allocator. */
    private record CopyMorsel(List<Batch> batches, Schema schema) implements Morsel {
        @Override
        public long rows() {
            return batches.stream().mapToLong(Batch::rowCount).sum();
        }

        @Override
        public String describe() {
            return "in-memory partition";
        }

        @Override
        public BatchReader open(List<String> columns, io.polaroid.engine.io.ScanContext ctx) {
            return new BatchReader() {
                int next;

                @Override
                public Batch next() {
                    if (next == batches.size()) {
                        return null;
                    }
                    int seq = next++;
                    return copy(batches.get(seq), ctx.allocator(), seq);
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
