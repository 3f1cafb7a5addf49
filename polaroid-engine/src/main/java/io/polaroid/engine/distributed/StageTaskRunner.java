package io.polaroid.engine.distributed;

import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.functions.ExprCompiler;
import io.polaroid.engine.physical.PhysicalPlanner;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.session.QueryStats;
import io.polaroid.engine.session.RunControl;
import io.polaroid.engine.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs one task of a stage on the local engine: plans its fragment, already bound to what the task
 * reads, and runs it like any query, splitting each batch by the stage's output partitioning as it
 * is made (small pieces of a partition joined, {@link PartitionCoalescer}). The output is owned by {@code outputAllocator}; everything else is freed (and
 * leak-checked) when the run ends.
 */
public final class StageTaskRunner {
    /** Takes one output batch of one partition, and owns it from then on (even when it throws). */
    @FunctionalInterface
    public interface PartitionSink {
        void accept(int partition, Batch batch);
    }

    private final QueryEngine engine;
    private final int threads;

    /** A runner of tasks on the engine's configured threads. */
    public StageTaskRunner(QueryEngine engine) {
        this(engine, engine.config().threads());
    }

    private StageTaskRunner(QueryEngine engine, int threads) {
        this.engine = engine;
        this.threads = threads;
    }

    /** This runner on {@code threads} threads, at most the engine's {@link QueryEngine#maxThreads()}. */
    public StageTaskRunner withThreads(int threads) {
        int n = Math.max(1, Math.min(threads, engine.maxThreads()));
        return n == this.threads ? this : new StageTaskRunner(engine, n);
    }

    public int threads() {
        return threads;
    }

    /** Runs a task to its end and returns its output, whole, per partition. */
    public TaskOutput run(LogicalPlan task, Partitioning output, BufferAllocator outputAllocator, String runId,
                          RunControl control) {
        List<List<Batch>> partitions = new ArrayList<>();
        for (int p = 0; p < output.count(); p++) {
            partitions.add(new ArrayList<>());
        }
        try {
            QueryStats stats = stream(task, output, outputAllocator, runId, control, (p, b) -> partitions.get(p).add(b));
            return new TaskOutput(partitions, stats);
        } catch (RuntimeException | Error e) {
            partitions.forEach(p -> p.forEach(Batch::close));
            throw e;
        }
    }

    /**
     * Runs a task, handing each output batch to {@code sink} with its partition as soon as it is
     * made (owned by {@code outputAllocator}): consumers can read a partition while it grows. With
     * a single partition the batches come in data order. Returns what the task read.
     */
    public QueryStats stream(LogicalPlan task, Partitioning output, BufferAllocator outputAllocator, String runId,
                             RunControl control, PartitionSink sink) {
        ExecNode physical = physical(task);
        if (output instanceof Partitioning.Single) {
            return engine.stream(physical, threads, outputAllocator, runId, control, b -> sink.accept(0, b));
        }
        Partitioning.Hash hash = (Partitioning.Hash) output;
        HashPartitioner partitioner = new HashPartitioner(new ExprCompiler(task.schema()).compileAll(hash.keys()), hash.count());
        try (PartitionCoalescer coalescer = new PartitionCoalescer(hash.count(), task.schema(), outputAllocator,
                engine.config().batchRows(), sink)) {
            QueryStats stats = engine.stream(physical, threads, outputAllocator, runId, control, b -> {
                Batch[] parts;
                try (b) {
                    parts = partitioner.split(b, outputAllocator);
                }
                for (int p = 0; p < parts.length; p++) {
                    if (parts[p] != null) {
                        try {
                            coalescer.accept(p, parts[p]);
                        } catch (RuntimeException | Error e) {
                            for (int rest = p + 1; rest < parts.length; rest++) {
                                if (parts[rest] != null) {
                                    parts[rest].close();
                                }
                            }
                            throw e;
                        }
                    }
                }
            });
            coalescer.finish();
            return stats;
        }
    }

    /**
     * Runs a task with a single output partition, handing each batch to {@code sink} in data order
     * as it is made (owned by {@code outputAllocator}, and by the sink from then on): a pipelined
     * result. Returns what the task read.
     */
    public QueryStats stream(LogicalPlan task, BufferAllocator outputAllocator, String runId, RunControl control,
                             Consumer<Batch> sink) {
        return stream(task, new Partitioning.Single(), outputAllocator, runId, control, (p, b) -> sink.accept(b));
    }

    private ExecNode physical(LogicalPlan task) {
        return io.polaroid.engine.dsl.PlanningStack.call("planning a task", () ->
                new PhysicalPlanner(threads).planQuery(task));
    }
}
