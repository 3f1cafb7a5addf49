package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchList;
import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.Seq;
import io.polaroid.engine.exec.SpillArbiter;
import io.polaroid.engine.exec.Streams;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.exec.hash.KeyTable;
import io.polaroid.engine.spill.SpillFile;
import io.polaroid.engine.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The inputs of a hash join that went to disk (a grace hash join): both sides' rows by hash
 * bucket of their keys, so that bucket b of the build side meets only bucket b of the probe side.
 * The build side goes to disk once the query's {@link SpillArbiter} says so; the probe side then
 * follows.
 */
final class GraceJoinInputs {
    /** Buckets per probe partition: each bucket's build rows must fit in memory. */
    static final int BUCKETS_PER_PARTITION = 16;

    private GraceJoinInputs() {
    }

    /**
     * The build rows read so far, across the build side's partitions: one consumer of the query's
     * {@link SpillArbiter}, closed once the build side is read. The hash table over them will take
     * heap besides ({@link KeyTable#JOIN_BYTES_PER_ROW}), which counts too.
     */
    static final class Budget implements AutoCloseable {
        private final SpillArbiter.Consumer memory;
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicLong rows = new AtomicLong();
        private volatile boolean over;

        Budget(TaskContext ctx) {
            this.memory = ctx.memory().register("join build", 1);
        }

        /** Counts a batch read; whether the build side goes (or went) to disk. */
        boolean add(Batch b) {
            long held = bytes.addAndGet(b.bytes());
            long table = rows.addAndGet(b.rowCount()) * KeyTable.JOIN_BYTES_PER_ROW;
            if (!over && memory.shouldSpill(held, table)) {
                over = true;
            }
            return over;
        }

        @Override
        public void close() {
            memory.close();
        }
    }

    /** One build partition: its rows in memory, or (once over budget) on disk by bucket. */
    record BuildPart(BatchList rows, BucketedSpill spilled) {
    }

    /** Reads build partition {@code p}, going to disk by bucket once {@code budget} is over. */
    static BuildPart collect(ExecNode owner, ExecNode right, int p, TaskContext ctx, Budget budget, KeyBuckets keys, int buckets) {
        BatchList rows = new BatchList();
        BucketedSpill[] spilled = new BucketedSpill[1];
        try {
            Streams.forEachOwned(right, p, ctx, b -> {
                if (spilled[0] == null) {
                    rows.add(b);
                    if (budget.add(b)) {
                        spilled[0] = spill(owner, rows, keys, buckets, ctx);
                    }
                    return;
                }
                try (b) {
                    spilled[0].add(b, keys.of(b, buckets, ctx.allocator()));
                }
            });
            if (spilled[0] != null) {
                spilled[0].finish();
            }
            return new BuildPart(rows, spilled[0]);
        } catch (RuntimeException | Error e) {
            rows.close();
            if (spilled[0] != null) {
                spilled[0].close();
            }
            throw e;
        }
    }

    /** Writes {@code rows} (then closed) to a new bucketed spill, left open for more. */
    static BucketedSpill spill(ExecNode owner, BatchList rows, KeyBuckets keys, int buckets, TaskContext ctx) {
        BucketedSpill out = new BucketedSpill(buckets, ctx, owner, "join");
        try (rows) {
            for (Batch r : rows) {
                out.add(r, keys.of(r, buckets, ctx.allocator()));
            }
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }

    /**
     * Every probe partition's rows on disk by bucket, closed with the query; when the join keeps
     * the probe side's order, the sequence number of each probe batch by its tag (else null).
     */
    record ProbeSide(List<BucketedSpill> parts, Map<Long, Long> seqs) implements AutoCloseable {
        @Override
        public void close() {
            parts.forEach(BucketedSpill::close);
        }
    }

    /** The tag of the {@code arrival}-th batch of probe partition {@code partition}: a sequence number of its own. */
    static long tag(int partition, int arrival) {
        return Seq.of(0, partition, arrival);
    }

    /** The tag of the probe batch a join output batch came from (its sequence number without the split). */
    static long tagOf(long seq) {
        return seq & ~0xFFFL;
    }

    /** The probe partition of a tag. */
    static int partitionOf(long tag) {
        return (int) ((tag >>> 32) & 0xFFFFFF);
    }

    /**
     * Reads probe partition {@code p} to disk by bucket. With {@code seqs} (the join keeps the
     * probe side's order), each batch goes under its {@link #tag}, its sequence number into
     * {@code seqs}, and each row with its index in the batch.
     */
    static BucketedSpill spillProbe(ExecNode owner, ExecNode left, int p, TaskContext ctx, KeyBuckets keys, int buckets,
                                    Map<Long, Long> seqs) {
        BucketedSpill out = new BucketedSpill(buckets, ctx, owner, "join", seqs != null);
        int[] arrival = new int[1];
        try {
            Streams.forEach(left, p, ctx, b -> {
                Batch tagged = b;
                if (seqs != null) {
                    long tag = tag(p, arrival[0]++);
                    seqs.put(tag, b.seq());
                    tagged = b.relabel(b.schema(), tag);
                }
                out.add(tagged, keys.of(b, buckets, ctx.allocator()));
            });
            out.finish();
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }

    /** Bucket {@code b} of every spill, read one file after another. */
    static BatchStream bucket(List<BucketedSpill> spills, int b) {
        List<SpillFile.Reader> readers = new ArrayList<>();
        for (BucketedSpill s : spills) {
            SpillFile.Reader r = s.reader(b);
            if (r != null) {
                readers.add(r);
            }
        }
        return new BatchStream() {
            private int at;

            @Override
            public Batch next() {
                while (at < readers.size()) {
                    Batch batch = readers.get(at).next();
                    if (batch != null) {
                        return batch;
                    }
                    at++;
                }
                return null;
            }

            @Override
            public void close() {
                readers.forEach(SpillFile.Reader::close);
            }
        };
    }
}
