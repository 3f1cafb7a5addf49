package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchList;
import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.Seq;
import io.polaroid.engine.exec.SharedResult;
import io.polaroid.engine.exec.Streams;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/** Every left row with every right row; the right input is collected once, the left streams. */
public final class CrossJoinExec implements ExecNode {
    private final ExecNode left;
    private final ExecNode right;
    private final Schema schema;

    public CrossJoinExec(ExecNode left, ExecNode right, Schema schema) {
        this.left = left;
        this.right = right;
        this.schema = schema;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public List<ExecNode> children() {
        return List.of(left, right);
    }

    @Override
    public int partitions() {
        return left.partitions();
    }

    /** The right input as one batch. */
    private static final class RightRows implements AutoCloseable {
        final Batch rows;

        RightRows(List<BatchList> parts, Schema schema, TaskContext ctx) {
            BatchList all = new BatchList();
            parts.forEach(all::addAll);
            all.sortBySeq();
            try (all) {
                rows = Batch.concat(all, schema, ctx.allocator());
            }
        }

        @Override
        public void close() {
            rows.close();
        }
    }

    @Override
    public BatchStream execute(int partition, TaskContext ctx) {
        BatchStream in = ctx.execute(left, partition);
        return new BatchStream() {
            private Batch rightRows;
            private Batch current;
            private int leftRow;
            private int rightRow;
            private int piece;

            @Override
            public Batch next() {
                if (rightRows == null) {
                    SharedResult<BatchList, RightRows> shared = ctx.shared(CrossJoinExec.this, () -> new SharedResult<>(
                            right.partitions(), p -> {
                                BatchList l = new BatchList();
                                l.addAll(Streams.collect(right, p, ctx));
                                return l;
                            }, parts -> new RightRows(parts, right.schema(), ctx), ctx));
                    rightRows = shared.get().rows;
                }
                int m = rightRows.rowCount();
                while (true) {
                    ctx.checkCancelled();
                    if (current == null) {
                        current = in.next();
                        if (current == null) {
                            return null;
                        }
                        leftRow = 0;
                        rightRow = 0;
                        piece = 0;
                    }
                    if (m == 0 || leftRow >= current.rowCount()) {
                        current.close();
                        current = null;
                        continue;
                    }
                    int limit = ctx.batchRows();
                    int[] l = new int[limit];
                    int[] r = new int[limit];
                    int count = 0;
                    while (count < limit && leftRow < current.rowCount()) {
                        l[count] = leftRow;
                        r[count++] = rightRow++;
                        if (rightRow == m) {
                            rightRow = 0;
                            leftRow++;
                        }
                    }
                    List<FieldVector> cols = new ArrayList<>();
                    try {
                        for (FieldVector v : current.columns()) {
                            cols.add(Vectors.take(v, l, count, ctx.allocator()));
                        }
                        for (FieldVector v : rightRows.columns()) {
                            cols.add(Vectors.take(v, r, count, ctx.allocator()));
                        }
                    } catch (RuntimeException | Error e) {
                        cols.forEach(FieldVector::close);
                        throw e;
                    }
                    return Batch.of(schema, cols, count, Seq.split(current.seq(), piece++));
                }
            }

            @Override
            public void close() {
                if (current != null) {
                    current.close();
                }
                in.close();
            }
        };
    }

    @Override
    public String describe() {
        return "CrossJoinExec (build: right)";
    }
}
