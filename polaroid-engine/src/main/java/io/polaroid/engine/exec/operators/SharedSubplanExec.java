package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchList;
import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.SharedResult;
import io.polaroid.engine.exec.Streams;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * A subplan that occurs more than once in a plan (a subquery used twice) runs once: the first
 * consumer to ask runs every partition of it, and every consumer then reads the same batches,
 * shared without copying. The planner puts the same instance wherever the subplan occurs.
 */
public final class SharedSubplanExec implements ExecNode {
    private final ExecNode input;

    public SharedSubplanExec(ExecNode input) {
        this.input = input;
    }

    @Override
    public Schema schema() {
        return input.schema();
    }

    @Override
    public List<ExecNode> children() {
        return List.of(input);
    }

    @Override
    public int partitions() {
        return input.partitions();
    }

    /** Every partition's batches, kept until the query ends. */
    private static final class Results implements AutoCloseable {
        final List<BatchList> partitions;

        Results(List<BatchList> partitions) {
            this.partitions = partitions;
        }

        @Override
        public void close() {
            partitions.forEach(BatchList::close);
        }
    }

    @Override
    public BatchStream execute(int partition, TaskContext ctx) {
        return new LazyStream(() -> {
            SharedResult<BatchList, Results> shared = ctx.shared(this, () -> new SharedResult<>(input.partitions(), p -> {
                BatchList batches = new BatchList();
                batches.addAll(Streams.collect(input, p, ctx));
                return batches;
            }, Results::new, ctx));
            List<Batch> copies = new ArrayList<>();
            try {
                for (Batch b : shared.get().partitions.get(partition)) {
                    List<FieldVector> columns = new ArrayList<>(b.columnCount());
                    for (FieldVector v : b.columns()) {
                        columns.add(Vectors.share(v));
                    }
                    copies.add(Batch.of(b.schema(), columns, b.rowCount(), b.seq()));
                }
                return Streams.of(copies);
            } catch (RuntimeException | Error e) {
                copies.forEach(Batch::close);
                throw e;
            }
        });
    }

    @Override
    public String describe() {
        return "SharedSubplanExec (runs once, read by every consumer)";
    }
}
