package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.Batch;
import io.polaroid.engine.exec.BatchList;
import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.ParallelJob;
import io.polaroid.engine.exec.Streams;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.exec.sort.IntComparator;
import io.polaroid.engine.exec.sort.IntSorter;
import io.polaroid.engine.exec.sort.SortColumn;
import io.polaroid.engine.exec.window.WindowFunction;
import io.polaroid.engine.exec.window.WindowSpec;
import io.polaroid.engine.physical.expr.PhysicalExpr;
import io.polaroid.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.hash.SimpleHasher;
import org.apache.arrow.vector.FieldVector;

/**
 * Window functions over partitions of the rows (Polars' {@code over}): every input row, in input
 * order, with one column per function. The rows are gathered in data order, spread over buckets
 * by a hash of the partition keys, and each bucket is sorted by (keys, order, input position) and
 * computed on its own thread, a partition at a time; each function writes only its partitions'
 * rows, so the buckets need no coordination.
 */
public final class WindowExec implements ExecNode {
    private final ExecNode input;
    private final List<PhysicalExpr> partitionBy;
    private final List<SortKeyExpr> orderBy;
    private final List<WindowSpec> functions;
    private final Schema schema;
    private final int threads;
    private final int sourceId;

    public WindowExec(ExecNode input, List<PhysicalExpr> partitionBy, List<SortKeyExpr> orderBy, List<WindowSpec> functions,
                      Schema schema, int threads, int sourceId) {
        this.input = input;
        this.partitionBy = List.copyOf(partitionBy);
        this.orderBy = List.copyOf(orderBy);
        this.functions = List.copyOf(functions);
        this.schema = schema;
        this.threads = threads;
        this.sourceId = sourceId;
    }

    @Override
    public Schema schema() {
        return schema;
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
        List<BatchList> parts = ParallelJob.runAll(input.partitions(), p -> drain(p, ctx), ctx);
        BatchList all = new BatchList();
        parts.forEach(all::addAll);
        all.sortBySeq();
        if (all.isEmpty()) {
            return new ArrayList<>();
        }
        try (all; Batch rows = Gathered.concat(all, input.schema(), ctx.allocator())) {
            List<FieldVector> added = compute(rows, ctx);
            try {
                return Gathered.slices(rows, added, schema, ctx.batchRows(), sourceId);
            } finally {
                added.forEach(FieldVector::close);
            }
        }
    }

    private BatchList drain(int partition, TaskContext ctx) {
        BatchList out = new BatchList();
        try (BatchStream stream = input.execute(partition, ctx)) {
            for (Batch b = stream.next(); b != null; b = stream.next()) {
                out.add(b);
                ctx.checkCancelled();
            }
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }

    /** The new columns over all rows. */
    private List<FieldVector> compute(Batch rows, TaskContext ctx) {
        int n = rows.rowCount();
        BufferAllocator allocator = ctx.allocator();
        List<FieldVector> inputs = new ArrayList<>();
        List<FieldVector> out = new ArrayList<>();
        try {
            SortColumn[] keys = new SortColumn[partitionBy.size()];
            int[] hashes = partitionBy.isEmpty() ? null : new int[n];
            for (int k = 0; k < keys.length; k++) {
                FieldVector v = evaluate(partitionBy.get(k), rows, allocator, inputs);
                keys[k] = SortColumn.of(v, partitionBy.get(k).type(), n, false, false);
                for (int i = 0; i < n; i++) {
                    hashes[i] = hashes[i] * 31 + v.hashCode(i, SimpleHasher.INSTANCE);
                }
            }
            SortColumn[] order = new SortColumn[orderBy.size()];
            for (int k = 0; k < order.length; k++) {
                SortKeyExpr key = orderBy.get(k);
                FieldVector v = evaluate(key.expr(), rows, allocator, inputs);
                order[k] = SortColumn.of(v, key.expr().type(), n, key.descending(), key.nullsLast());
            }
            List<WindowFunction> running = new ArrayList<>();
            for (WindowSpec f : functions) {
                FieldVector values = f.arg() == null ? null : evaluate(f.arg(), rows, allocator, inputs);
                running.add(f.start(values, n));
            }
            int[][] buckets = buckets(hashes, n, hashes == null ? 1 : Math.max(1, threads));
            ParallelJob.runAll(buckets.length, b -> {
                computeBucket(buckets[b], keys, order, running);
                ctx.checkCancelled();
                return null;
            }, ctx);
            for (int f = 0; f < running.size(); f++) {
                out.add(running.get(f).finish(schema.field(input.schema().size() + f).name(), allocator));
            }
            return out;
        } catch (RuntimeException | Error e) {
            out.forEach(FieldVector::close);
            throw e;
        } finally {
            inputs.forEach(FieldVector::close);
        }
    }

    private static FieldVector evaluate(PhysicalExpr e, Batch rows, BufferAllocator allocator, List<FieldVector> owned) {
        FieldVector v = e.eval(rows, allocator);
        owned.add(v);
        return v;
    }

    /** The row numbers of each bucket, ascending; a partition's rows are all in one bucket. */
    private static int[][] buckets(int[] hashes, int n, int count) {
        int[] sizes = new int[count];
        int[] target = new int[n];
        for (int i = 0; i < n; i++) {
            target[i] = hashes == null ? 0 : Math.floorMod(hashes[i] ^ (hashes[i] >>> 16), count);
            sizes[target[i]]++;
        }
        int[][] out = new int[count][];
        for (int b = 0; b < count; b++) {
            out[b] = new int[sizes[b]];
        }
        int[] filled = new int[count];
        for (int i = 0; i < n; i++) {
            out[target[i]][filled[target[i]]++] = i;
        }
        return out;
    }

    /** Sorts the bucket by partition and order (stable: ties in data order) and computes each partition. */
    private static void computeBucket(int[] rows, SortColumn[] keys, SortColumn[] order, List<WindowFunction> functions) {
        IntComparator byKeys = (a, b) -> {
            for (SortColumn c : keys) {
                int r = c.compare(a, b);
                if (r != 0) {
                    return r;
                }
            }
            return 0;
        };
        if (keys.length + order.length > 0) {
            IntSorter.sort(rows, rows.length, (a, b) -> {
                int r = byKeys.compare(a, b);
                for (int k = 0; r == 0 && k < order.length; k++) {
                    r = order[k].compare(a, b);
                }
                return r;
            });
        }
        for (int start = 0; start < rows.length; ) {
            int end = start + 1;
            while (end < rows.length && byKeys.compare(rows[start], rows[end]) == 0) {
                end++;
            }
            for (WindowFunction f : functions) {
                f.compute(rows, start, end);
            }
            start = end;
        }
    }

    @Override
    public String describe() {
        return "WindowExec partition_by=" + partitionBy + (orderBy.isEmpty() ? "" : " order_by=" + orderBy) + " " + functions;
    }
}
