package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.kernels.PhysicalExpr;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/** Evaluates one expression per output column; columns passed through are shared, not copied. */
public record ProjectExec(ExecNode input, List<PhysicalExpr> exprs, Schema schema) implements ExecNode {
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
                Batch batch = in.next();
                if (batch == null) {
                    return null;
                }
                try (batch) {
                    List<FieldVector> columns = new ArrayList<>(exprs.size());
                    try {
                        for (PhysicalExpr e : exprs) {
                            columns.add(e.eval(batch, ctx.allocator()));
                        }
                    } catch (RuntimeException | Error e) {
                        columns.forEach(FieldVector::close);
                        throw e;
                    }
                    return Batch.of(schema, columns, batch.rowCount(), batch.seq());
                }
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("ProjectExec [");
        for (int i = 0; i < exprs.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(exprs.get(i)).append(" AS ").append(schema.field(i).name());
        }
        return sb.append(']').toString();
    }
}
