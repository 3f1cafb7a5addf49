package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchList;
import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.Seq;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.spill.SpillFile;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.arrow.vector.FieldVector;

/**
 * A window operator's input on disk by hash bucket of its partition keys, computed a bucket at a
 * time and given back in input order.
 *
 * <p>Every row goes to disk with its index in its input batch, and each piece of a batch under a
 * number of its own (sequence numbers need not be unique: a join's output batches may share one).
 * Once all input is read, the batches are ranked in the order the operator reads them in memory:
 * by sequence number, then input partition, then arrival. A bucket holds whole window partitions,
 * so its rows, read back in rank order (data order within each partition), are computed on their
 * own; the bucket's rows and new columns go to disk again as the same pieces, numbered by rank.
 * The output then merges the buckets: the pieces of the lowest rank from every bucket are the rows
 * of one input batch, put back in their order by their row index.
 */
final class WindowSpill {
    /** Buckets of the partition keys' hash. */
    static final int BUCKETS = 32;

    private final WindowExec owner;
    private final Schema input;
    private final Schema output;
    private final KeyBuckets keys;
    /** The input's schema with each row's index in its batch after the columns. */
    private final Schema withRow;
    /** The output's schema with each row's index in its batch after the columns: a computed bucket on disk. */
    private final Schema computed;
    /** The sequence number of each batch written, by the number it was written under. */
    private final Map<Long, Long> seqOf = new ConcurrentHashMap<>();

    WindowSpill(WindowExec owner, Schema input, Schema output, KeyBuckets keys) {
        this.owner = owner;
        this.input = input;
        this.output = output;
        this.keys = keys;
        this.withRow = BucketedSpill.withRowIndex(input);
        this.computed = BucketedSpill.withRowIndex(output);
    }

    /** A new bucketed spill of input rows, with their indices. */
    BucketedSpill newSpill(TaskContext ctx) {
        return new BucketedSpill(BUCKETS, ctx, owner, "window", true);
    }

    /**
     * Writes {@code batch} (which stays the caller's), the {@code index}-th that input partition
     * {@code partition} read, to {@code spill}.
     */
    void add(BucketedSpill spill, Batch batch, int partition, int index, TaskContext ctx) {
        long tag = ((long) partition << 32) | index;
        seqOf.put(tag, batch.seq());
        spill.add(new Batch(input, batch.columns(), batch.rowCount(), tag), keys.of(batch, BUCKETS, ctx.allocator()));
    }

    /**
     * Computes every bucket of {@code spills} (finished, closed by the caller) with
     * {@code compute} (the new columns over rows with the input's columns first) and returns the
     * rows in input order as a stream that owns what it reads.
     */
    BatchStream computeAndMerge(List<BucketedSpill> spills, Function<Batch, List<FieldVector>> compute, TaskContext ctx,
                                int sourceId) {
        List<SpillFile> done = new ArrayList<>();
        Map<Long, Long> rank = ranks();
        try {
            for (int b = 0; b < BUCKETS; b++) {
                BatchList pieces = new BatchList();
                for (BucketedSpill s : spills) {
                    s.takeAll(b, pieces);
                }
                try (pieces) {
                    if (!pieces.isEmpty()) {
                        done.add(computeBucket(pieces, rank, compute, ctx));
                    }
                }
                ctx.checkCancelled();
            }
            return merge(done, ctx, sourceId);
        } catch (RuntimeException | Error e) {
            done.forEach(SpillFile::close);
            throw e;
        }
    }

    /** The computed buckets merged back into input order, one input batch (the lowest rank left) at a time. */
    private BatchStream merge(List<SpillFile> done, TaskContext ctx, int sourceId) {
        List<SpillFile.Reader> readers = new ArrayList<>();
        try {
            for (SpillFile f : done) {
                readers.add(f.read(ctx.allocator()));
            }
        } catch (RuntimeException | Error e) {
            readers.forEach(SpillFile.Reader::close);
            throw e;
        }
        return new RowOrderMerge(readers, done, output, rank -> rank, rank -> Seq.of(sourceId, rank >>> 20, rank), ctx);
    }

    /** Each batch's rank by sequence number, then the number it was written under (partition, then arrival). */
    private Map<Long, Long> ranks() {
        List<Long> tags = new ArrayList<>(seqOf.keySet());
        tags.sort(Comparator.<Long>comparingLong(seqOf::get).thenComparingLong(t -> t));
        Map<Long, Long> rank = new HashMap<>();
        for (int i = 0; i < tags.size(); i++) {
            rank.put(tags.get(i), (long) i);
        }
        return rank;
    }

    /** Computes one bucket's rows, in rank order, onto disk as the pieces they came in, numbered by rank. */
    private SpillFile computeBucket(BatchList pieces, Map<Long, Long> rank, Function<Batch, List<FieldVector>> compute,
                                    TaskContext ctx) {
        pieces.sort(Comparator.comparingLong(p -> rank.get(p.seq())));
        long[] seqs = new long[pieces.size()];
        int[] counts = new int[pieces.size()];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = rank.get(pieces.get(i).seq());
            counts[i] = pieces.get(i).rowCount();
        }
        SpillFile file = ctx.spillFile(owner, "window");
        try (Batch rows = Batch.concat(pieces, withRow, ctx.allocator())) {
            List<FieldVector> added = compute.apply(rows);
            try {
                List<FieldVector> columns = new ArrayList<>(rows.columns().subList(0, input.size()));
                columns.addAll(added);
                columns.add(rows.column(input.size()));
                file.write(new Batch(computed, columns, rows.rowCount(), 0), seqs, counts);
                file.finish();
                return file;
            } finally {
                added.forEach(FieldVector::close);
            }
        } catch (RuntimeException | Error e) {
            file.close();
            throw e;
        }
    }
}
