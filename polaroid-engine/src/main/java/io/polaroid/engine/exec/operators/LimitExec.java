package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchList;
import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.ParallelJob;
import io.polaroid.engine.exec.Streams;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Skips {@code offset} rows, then keeps {@code fetch} (all if null), in data order. Every input
 * partition stops after {@code offset + fetch} rows of its own; since each partition's batches come
 * in data order, the first rows overall are among those, and sorting them by sequence number
 * finds them.
 */
public record LimitExec(ExecNode input, long offset, Long fetch) implements ExecNode {
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
        return 1;
    }

    @Override
    public BatchStream execute(int partition, TaskContext ctx) {
        return new LazyStream(() -> Streams.of(run(ctx)));
    }

    private List<Batch> run(TaskContext ctx) {
        long need = fetch == null ? Long.MAX_VALUE : offset + fetch;
        List<BatchList> parts = ParallelJob.runAll(input.partitions(), p -> upTo(p, need, ctx), ctx);
        BatchList all = new BatchList();
        parts.forEach(all::addAll);
        all.sortBySeq();
        List<Batch> out = new ArrayList<>();
        try (all) {
            long skip = offset;
            long left = fetch == null ? Long.MAX_VALUE : fetch;
            for (Batch b : all) {
                int n = b.rowCount();
                if (skip >= n) {
                    skip -= n;
                    continue;
                }
                if (left <= 0) {
                    break;
                }
                int start = (int) skip;
                int len = (int) Math.min(n - start, left);
                skip = 0;
                left -= len;
                if (start == 0 && len == n) {
                    out.add(b.relabel(b.schema(), b.seq()));
                    all.set(all.indexOf(b), null);
                } else {
                    List<FieldVector> cols = new ArrayList<>();
                    for (FieldVector c : b.columns()) {
                        cols.add(Vectors.slice(c, start, len));
                    }
                    out.add(Batch.of(b.schema(), cols, len, b.seq()));
                }
            }
            return out;
        } catch (RuntimeException | Error e) {
            out.forEach(Batch::close);
            throw e;
        }
    }

    private BatchList upTo(int partition, long need, TaskContext ctx) {
        BatchList out = new BatchList();
        try (BatchStream stream = ctx.execute(input, partition)) {
            Batch b;
            while (out.rows() < need && (b = stream.next()) != null) {
                out.add(b);
            }
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }

    @Override
    public String describe() {
        return "LimitExec offset=" + offset + " fetch=" + (fetch == null ? "all" : fetch);
    }
}
