package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchList;
import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.ParallelJob;
import io.polaroid.engine.exec.SpillArbiter;
import io.polaroid.engine.exec.Streams;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.spill.SpillFile;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Sorts all rows by the keys (stable: ties keep data order). With a {@code fetch} it is a top-k:
 * each input partition keeps only its best {@code fetch} rows as it goes, so memory stays small
 * however large the input. A full sort whose input outgrows {@code polaroid.spill.operator-bytes}
 * is an external merge sort: sorted runs go to disk and are merged as the output is read.
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
    public boolean spills() {
        return fetch == null;
    }

    @Override
    public int partitions() {
        return 1;
    }

    @Override
    public BatchStream execute(int partition, TaskContext ctx) {
        return new LazyStream(() -> run(ctx));
    }

    /**
     * Each input partition sorted; when all fit in memory, put together and sorted once more.
     * Otherwise every partition's rows are in sorted runs on disk, and the runs are merged.
     */
    private BatchStream run(TaskContext ctx) {
        SortOrder order = new SortOrder(keys);
        List<Run> runs = Collections.synchronizedList(new ArrayList<>());
        BatchList all = new BatchList();
        try (all) {
            List<Batch> parts = ParallelJob.runAll(input.partitions(), p -> sortPartition(p, ctx, order, runs), ctx);
            for (Batch b : parts) {
                if (b != null) {
                    all.add(b);
                }
            }
            all.sortBySeq();
            if (runs.isEmpty()) {
                try (Batch sorted = sortBatches(all, order, ctx.allocator())) {
                    return Streams.of(sorted == null ? new ArrayList<>()
                            : Gathered.slices(sorted, List.of(), schema(), ctx.batchRows(), sourceId));
                }
            }
            for (Batch b : all) {
                runs.add(spill(b, ctx));
            }
        } catch (RuntimeException | Error e) {
            runs.forEach(r -> r.file().close());
            throw e;
        }
        List<Run> ordered = new ArrayList<>(runs);
        ordered.sort(Comparator.comparingLong(Run::seq));
        return new SortedRunMerge(ordered.stream().map(Run::file).toList(), order, schema(), ctx, sourceId);
    }

    /** A sorted run on disk, and the sequence number of its first input: runs merge in that order. */
    private record Run(SpillFile file, long seq) {
    }

    /**
     * One input partition, sorted (and cut to the fetch) as one batch; null if empty. A full sort
     * told to by the query's {@link SpillArbiter} writes the rows it holds to disk as a sorted run
     * and goes on.
     */
    private Batch sortPartition(int partition, TaskContext ctx, SortOrder order, List<Run> runs) {
        BatchList buffered = new BatchList();
        long threshold = fetch == null ? Long.MAX_VALUE : Math.max(4 * fetch, 4L * ctx.batchRows());
        long bytes = 0;
        try (buffered; SpillArbiter.Consumer memory = ctx.memory().register("sort", input.partitions())) {
            try (BatchStream stream = ctx.execute(input, partition)) {
                Batch b;
                while ((b = stream.next()) != null) {
                    buffered.add(b);
                    bytes += b.bytes();
                    if (buffered.rows() > threshold) {
                        Batch best = sortBatches(buffered, order, ctx.allocator());
                        buffered.close();
                        buffered.add(best);
                    } else if (fetch == null && memory.shouldSpill(bytes)) {
                        buffered.sortBySeq();
                        try (Batch sorted = sortBatches(buffered, order, ctx.allocator())) {
                            buffered.close();
                            runs.add(spill(sorted, ctx));
                        }
                        bytes = 0;
                    }
                    ctx.checkCancelled();
                }
            }
            return sortBatches(buffered, order, ctx.allocator());
        }
    }

    /** A sorted batch written to a new spill file, in slices the merge reads one at a time. */
    private Run spill(Batch sorted, TaskContext ctx) {
        SpillFile file = ctx.spillFile(this, "sort");
        try {
            for (Batch slice : Gathered.slices(sorted, List.of(), schema(), ctx.batchRows(), sourceId)) {
                try (slice) {
                    file.write(slice);
                }
            }
            file.finish();
            return new Run(file, sorted.seq());
        } catch (RuntimeException | Error e) {
            file.close();
            throw e;
        }
    }

    /**
     * The rows of {@code batches} (in data order) sorted, cut to the fetch, as one batch with the
     * smallest sequence number of its inputs; null if there are no rows. The inputs stay open.
     */
    private Batch sortBatches(List<Batch> batches, SortOrder order, BufferAllocator allocator) {
        if (batches.isEmpty()) {
            return null;
        }
        try (Batch combined = Batch.concat(batches, schema(), allocator)) {
            int n = combined.rowCount();
            int[] rows = order.of(combined, allocator);
            int count = fetch == null ? n : (int) Math.min(n, fetch);
            return Selection.take(combined, rows, count, allocator);
        }
    }

    @Override
    public String describe() {
        return (fetch == null ? "SortExec " : "TopKExec k=" + fetch + " ") + keys;
    }
}
