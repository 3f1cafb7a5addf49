package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchList;
import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.ParallelJob;
import io.polaroid.engine.exec.SpillArbiter;
import io.polaroid.engine.exec.Streams;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.exec.sort.IntComparator;
import io.polaroid.engine.exec.sort.IntSorter;
import io.polaroid.engine.exec.sort.SortColumn;
import io.polaroid.engine.exec.window.Partitions;
import io.polaroid.engine.exec.window.WindowFunction;
import io.polaroid.engine.exec.window.WindowSpec;
import io.polaroid.engine.kernels.PhysicalExpr;
import io.polaroid.engine.memory.HeapMemory;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Window functions over partitions of the rows (Polars' {@code over}): every input row, in input
 * order, with one column per function. The rows are gathered in data order and grouped by their
 * partition keys ({@link Partitions}: a hash table and a counting sort, so each partition keeps
 * data order); runs of whole partitions are then sorted by the window's order and computed on the
 * context's threads. Each function writes only its partitions' rows, so the runs need no
 * coordination. Past its memory share, a window with partition keys goes to disk by bucket of the
 * keys and is computed a bucket at a time ({@link WindowSpill}).
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
    public boolean spills() {
        return !partitionBy.isEmpty();
    }

    @Override
    public BatchStream execute(int partition, TaskContext ctx) {
        return new LazyStream(() -> run(ctx));
    }

    /** One input partition's rows: in memory, or (once over its share) on disk by bucket. */
    private record Drained(int partition, BatchList rows, BucketedSpill spilled) implements AutoCloseable {
        @Override
        public void close() {
            rows.close();
            if (spilled != null) {
                spilled.close();
            }
        }
    }

    private BatchStream run(TaskContext ctx) {
        WindowSpill spill = partitionBy.isEmpty() ? null : new WindowSpill(this, input.schema(), schema,
                new KeyBuckets(partitionBy, partitionBy.stream().map(PhysicalExpr::type).toList()));
        List<Drained> parts = ParallelJob.runAll(input.partitions(), p -> drain(p, spill, ctx), ctx);
        if (parts.stream().anyMatch(d -> d.spilled() != null)) {
            return fromDisk(parts, spill, ctx);
        }
        BatchList all = new BatchList();
        parts.forEach(d -> all.addAll(d.rows()));
        all.sortBySeq();
        if (all.isEmpty()) {
            return Streams.of(new ArrayList<>());
        }
        try (all; Batch rows = Batch.concat(all, input.schema(), ctx.allocator())) {
            List<FieldVector> added = compute(rows, ctx);
            try {
                return Streams.of(Gathered.slices(rows, added, schema, ctx.batchRows(), sourceId));
            } finally {
                added.forEach(FieldVector::close);
            }
        }
    }

    /** Every partition's rows to disk (those still in memory too), then computed bucket by bucket. */
    private BatchStream fromDisk(List<Drained> parts, WindowSpill spill, TaskContext ctx) {
        List<BucketedSpill> spills = new ArrayList<>();
        try {
            for (Drained d : parts) {
                BucketedSpill s = d.spilled();
                if (s == null) {
                    s = spill.newSpill(ctx);
                    spills.add(s);
                    for (int i = 0; i < d.rows().size(); i++) {
                        spill.add(s, d.rows().get(i), d.partition(), i, ctx);
                    }
                    s.finish();
                    d.rows().close();
                    d.rows().clear();
                } else {
                    spills.add(s);
                }
            }
            return spill.computeAndMerge(spills, rows -> compute(rows, ctx), ctx, sourceId);
        } finally {
            parts.forEach(Drained::close);
            spills.forEach(BucketedSpill::close);
        }
    }

    /**
     * Reads one input partition; once the query's {@link io.polaroid.engine.exec.SpillArbiter}
     * says so (counting the heap the computation will need), its rows go to disk by bucket of the
     * partition keys. Without partition keys a window is one partition and cannot be split.
     */
    private Drained drain(int partition, WindowSpill spill, TaskContext ctx) {
        BatchList rows = new BatchList();
        BucketedSpill spilled = null;
        long bytes = 0;
        long count = 0;
        int read = 0;
        try (SpillArbiter.Consumer memory = ctx.memory().register("window", input.partitions());
             BatchStream stream = ctx.execute(input, partition)) {
            for (Batch b = stream.next(); b != null; b = stream.next()) {
                int index = read++;
                if (spilled != null) {
                    try (Batch owned = b) {
                        spill.add(spilled, owned, partition, index, ctx);
                    }
                } else {
                    rows.add(b);
                    bytes += b.bytes();
                    count += b.rowCount();
                    if (spill != null && memory.shouldSpill(bytes, heapBytes(count))) {
                        spilled = spill.newSpill(ctx);
                        for (int i = 0; i < rows.size(); i++) {
                            spill.add(spilled, rows.get(i), partition, i, ctx);
                        }
                        rows.close();
                        rows = new BatchList();
                    }
                }
                ctx.checkCancelled();
            }
            if (spilled != null) {
                spilled.finish();
            }
            return new Drained(partition, rows, spilled);
        } catch (RuntimeException | Error e) {
            rows.close();
            if (spilled != null) {
                spilled.close();
            }
            throw e;
        }
    }

    /**
     * The heap the computation holds beside the Arrow columns, reserved against the query's memory
     * limit first: the rows' order and partition (three ints a row), each function's values and
     * result (up to two longs and two flags a row) and each order key's values (a long a row).
     */
    private long heapBytes(long n) {
        return (long) n * (12 + 18L * functions.size() + 8L * orderBy.size());
    }

    /** The new columns over all rows. */
    private List<FieldVector> compute(Batch rows, TaskContext ctx) {
        int n = rows.rowCount();
        BufferAllocator allocator = ctx.allocator();
        List<FieldVector> inputs = new ArrayList<>();
        List<FieldVector> out = new ArrayList<>();
        try (HeapMemory heap = new HeapMemory(allocator, "window over " + n + " rows")) {
            heap.grow(heapBytes(n));
            List<FieldVector> keyVectors = new ArrayList<>();
            for (PhysicalExpr k : partitionBy) {
                keyVectors.add(evaluate(k, rows, allocator, inputs));
            }
            Partitions partitions = partitionBy.isEmpty() ? Partitions.whole(n)
                    : Partitions.of(keyVectors, partitionBy.stream().map(PhysicalExpr::type).toList(), n, allocator);
            SortColumn[] order = new SortColumn[orderBy.size()];
            for (int k = 0; k < order.length; k++) {
                SortKeyExpr key = orderBy.get(k);
                FieldVector v = evaluate(key.expr(), rows, allocator, inputs);
                order[k] = SortColumn.of(v, key.expr().type(), n, key.descending(), key.nullsLast());
            }
            List<WindowFunction> running = new ArrayList<>();
            for (WindowSpec f : functions) {
                FieldVector values = f.arg() == null ? null : evaluate(f.arg(), rows, allocator, inputs);
                FieldVector by = f.by() == null ? null : evaluate(f.by(), rows, allocator, inputs);
                running.add(f.start(values, by, n));
            }
            int[] runs = partitions.runs(Math.max(1, Math.min(threads * 4, partitions.count())));
            ParallelJob.runAll(runs.length - 1, r -> {
                computeRun(partitions, runs[r], runs[r + 1], order, running);
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

    /** Sorts each partition of {@code [from, to)} by the order (stable: ties in data order) and computes it. */
    private static void computeRun(Partitions partitions, int from, int to, SortColumn[] order, List<WindowFunction> functions) {
        int[] rows = partitions.rows();
        IntComparator byOrder = (a, b) -> {
            for (SortColumn c : order) {
                int r = c.compare(a, b);
                if (r != 0) {
                    return r;
                }
            }
            return 0;
        };
        for (int p = from; p < to; p++) {
            int start = partitions.starts()[p];
            int end = partitions.starts()[p + 1];
            if (order.length > 0 && end - start > 1) {
                int[] segment = java.util.Arrays.copyOfRange(rows, start, end);
                IntSorter.sort(segment, segment.length, byOrder);
                System.arraycopy(segment, 0, rows, start, segment.length);
            }
            for (WindowFunction f : functions) {
                f.compute(rows, start, end);
            }
        }
    }

    @Override
    public String describe() {
        return "WindowExec partition_by=" + partitionBy + (orderBy.isEmpty() ? "" : " order_by=" + orderBy) + " " + functions;
    }
}
