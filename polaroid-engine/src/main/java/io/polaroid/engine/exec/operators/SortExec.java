package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchList;
import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.ParallelJob;
import io.polaroid.engine.exec.Streams;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.exec.sort.IntComparator;
import io.polaroid.engine.exec.sort.IntSorter;
import io.polaroid.engine.exec.sort.SortColumn;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Sorts all rows by the keys (stable: ties keep data order). With a {@code fetch} it is a top-k:
 * each input partition keeps only its best {@code fetch} rows as it goes, so memory stays small
 * however large the input.
 */
public final class SortExec implements ExecNode {
    private final ExecNode input;
    private final List<SortKeyExpr> keys;
    private final Long fetch;
    private final int sourceId;

    public SortExec(ExecNode input, List<SortKeyExpr> keys, Long fetch, int sourceId) {
        this.input = input;
        this.keys = List.copyOf(keys);
        this.fetch = fetch;
        this.sourceId = sourceId;
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
        return 1;
    }

    @Override
    public BatchStream execute(int partition, TaskContext ctx) {
        return new LazyStream(() -> Streams.of(run(ctx)));
    }

    private List<Batch> run(TaskContext ctx) {
        List<Batch> parts = ParallelJob.runAll(input.partitions(), p -> sortPartition(p, ctx), ctx);
        BatchList all = new BatchList();
        for (Batch b : parts) {
            if (b != null) {
                all.add(b);
            }
        }
        all.sortBySeq();
        try (all; Batch sorted = sortBatches(all, ctx.allocator())) {
            return sorted == null ? new ArrayList<>() : Gathered.slices(sorted, List.of(), schema(), ctx.batchRows(), sourceId);
        }
    }

    /** One input partition, sorted (and cut to the fetch) as one batch; null if empty. */
    private Batch sortPartition(int partition, TaskContext ctx) {
        BatchList buffered = new BatchList();
        long threshold = fetch == null ? Long.MAX_VALUE : Math.max(4 * fetch, 4L * ctx.batchRows());
        try (buffered) {
            try (BatchStream stream = input.execute(partition, ctx)) {
                Batch b;
                while ((b = stream.next()) != null) {
                    buffered.add(b);
                    if (buffered.rows() > threshold) {
                        Batch best = sortBatches(buffered, ctx.allocator());
                        buffered.close();
                        buffered.add(best);
                    }
                    ctx.checkCancelled();
                }
            }
            return sortBatches(buffered, ctx.allocator());
        }
    }

    /**
     * The rows of {@code batches} (in data order) sorted, cut to the fetch, as one batch with the
     * smallest sequence number of its inputs; null if there are no rows. The inputs stay open.
     */
    private Batch sortBatches(List<Batch> batches, BufferAllocator allocator) {
        if (batches.isEmpty()) {
            return null;
        }
        try (Batch combined = Gathered.concat(batches, schema(), allocator)) {
            int n = combined.rowCount();
            int[] order = order(combined, allocator);
            int count = fetch == null ? n : (int) Math.min(n, fetch);
            return Selection.take(combined, order, count, allocator);
        }
    }

    private int[] order(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        List<FieldVector> keyVectors = new ArrayList<>(keys.size());
        try {
            SortColumn[] columns = new SortColumn[keys.size()];
            for (int k = 0; k < keys.size(); k++) {
                SortKeyExpr key = keys.get(k);
                FieldVector v = key.expr().eval(batch, allocator);
                keyVectors.add(v);
                columns[k] = SortColumn.of(v, key.expr().type(), n, key.descending(), key.nullsLast());
            }
            IntComparator cmp = columns.length == 1 ? columns[0] : (a, b) -> {
                for (SortColumn c : columns) {
                    int r = c.compare(a, b);
                    if (r != 0) {
                        return r;
                    }
                }
                return 0;
            };
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            IntSorter.sort(order, n, cmp);
            return order;
        } finally {
            keyVectors.forEach(FieldVector::close);
        }
    }

    @Override
    public String describe() {
        return (fetch == null ? "SortExec " : "TopKExec k=" + fetch + " ") + keys;
    }
}
