package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.types.Schema;
import java.util.List;

/** The partitions of all inputs side by side; batches keep their sequence numbers, so inputs stay in order. */
public record UnionExec(List<ExecNode> inputs, Schema schema) implements ExecNode {
    @Override
    public List<ExecNode> children() {
        return inputs;
    }

    @Override
    public int partitions() {
        return inputs.stream().mapToInt(ExecNode::partitions).sum();
    }

    @Override
    public BatchStream execute(int partition, TaskContext ctx) {
        int p = partition;
        for (ExecNode input : inputs) {
            if (p < input.partitions()) {
                BatchStream in = ctx.execute(input, p);
                return new BatchStream() {
                    @Override
                    public io.polaroid.engine.vector.Batch next() {
                        io.polaroid.engine.vector.Batch b = in.next();
                        return b == null ? null : b.relabel(schema, b.seq());
                    }

                    @Override
                    public void close() {
                        in.close();
                    }
                };
            }
            p -= input.partitions();
        }
        throw new IllegalArgumentException("no partition " + partition);
    }

    @Override
    public String describe() {
        return "UnionExec partitions=" + partitions();
    }
}
