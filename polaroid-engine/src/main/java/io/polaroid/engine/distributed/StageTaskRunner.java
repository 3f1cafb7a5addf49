package io.polaroid.engine.distributed;

import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.functions.ExprCompiler;
import io.polaroid.engine.physical.PhysicalPlanner;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.session.QueryResult;
import io.polaroid.engine.session.QueryStats;
import io.polaroid.engine.session.RunControl;
import io.polaroid.engine.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs one task of a stage on the local engine: plans its fragment, already bound to what the task
 * reads, and runs it like any query, then splits the result by the stage's output partitioning.
 * The output is owned by {@code outputAllocator}; everything else is freed (and leak-checked) when
 * the run ends.
 */
public final class StageTaskRunner {
    private final QueryEngine engine;

    public StageTaskRunner(QueryEngine engine) {
        this.engine = engine;
    }

    public TaskOutput run(LogicalPlan task, Partitioning output, BufferAllocator outputAllocator, String runId,
                          RunControl control) {
        ExecNode physical = physical(task);
        QueryResult result = engine.execute(physical, outputAllocator, runId, control);
        if (output instanceof Partitioning.Single) {
            return new TaskOutput(List.of(result.batches()), result.stats());
        }
        Partitioning.Hash hash = (Partitioning.Hash) output;
        HashPartitioner partitioner = new HashPartitioner(new ExprCompiler(task.schema()).compileAll(hash.keys()), hash.count());
        List<List<Batch>> partitions = new ArrayList<>();
        for (int p = 0; p < hash.count(); p++) {
            partitions.add(new ArrayList<>());
        }
        try (result) {
            for (Batch b : result.batches()) {
                Batch[] parts = partitioner.split(b, outputAllocator);
                for (int p = 0; p < parts.length; p++) {
                    if (parts[p] != null) {
                        partitions.get(p).add(parts[p]);
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            partitions.forEach(p -> p.forEach(Batch::close));
            throw e;
        }
        return new TaskOutput(partitions, result.stats());
    }

    /**
     * Runs a task with a single output partition, handing each batch to {@code sink} in data order
     * as it is made (owned by {@code outputAllocator}, and by the sink from then on): a pipelined
     * result. Returns what the task read.
     */
    public QueryStats stream(LogicalPlan task, BufferAllocator outputAllocator, String runId, RunControl control,
                             Consumer<Batch> sink) {
        return engine.stream(physical(task), outputAllocator, runId, control, sink);
    }

    private ExecNode physical(LogicalPlan task) {
        return io.polaroid.engine.dsl.PlanningStack.call("planning a task", () ->
                new PhysicalPlanner(engine.config().threads()).planQuery(task));
    }
}
