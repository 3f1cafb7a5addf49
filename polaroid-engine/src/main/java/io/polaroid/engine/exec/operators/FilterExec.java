package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.exec.filter.RowFilter;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.util.List;

/** Keeps the rows for which the predicate is true; null counts as false. */
public record FilterExec(ExecNode input, RowFilter predicate) implements ExecNode {
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

    @Override
    public BatchStream execute(int partition, TaskContext ctx) {
        BatchStream in = ctx.execute(input, partition);
        return new BatchStream() {
            @Override
            public Batch next() {
                Batch batch;
                while ((batch = in.next()) != null) {
                    Batch kept = Selection.filter(batch, predicate, ctx.allocator());
                    if (kept != null) {
                        return kept;
                    }
                    ctx.checkCancelled();
                }
                return null;
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    @Override
    public String describe() {
        return "FilterExec " + predicate;
    }
}
