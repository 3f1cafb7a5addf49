package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchList;
import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.Seq;
import io.polaroid.engine.exec.SharedResult;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.io.filter.JoinKeyFilter;
import io.polaroid.engine.kernels.PhysicalExpr;
import io.polaroid.engine.plan.JoinKind;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.spill.SpillFile;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Equi-join by hashing: the right input is the build side, the left input is probed partition by
 * partition, so output follows the left input's order. Output pairs are produced in chunks of at
 * most one batch. For kinds that keep right rows without a match (RIGHT, FULL) or that output
 * right rows (RIGHT_SEMI, RIGHT_ANTI), the last probe partition to finish emits them. A build
 * side that the query's {@link io.polaroid.engine.exec.SpillArbiter} sends to disk goes there with
 * the probe side, by hash bucket, and the buckets are joined one at a time (a grace hash join).
 * Kinds whose output is the left rows and their matches then write each bucket's output to disk
 * too, with each row's place in the left input, and merge it back into the left input's order
 * ({@link RowOrderMerge}); right and full joins give their rows bucket by bucket.
 */
public final class HashJoinExec implements ExecNode {
    /** The source number of the batches of build rows a join emits after its probes. */
    static final int UNMATCHED_SOURCE = 127;

    private final ExecNode left;
    private final ExecNode right;
    private final JoinKind kind;
    private final List<PhysicalExpr> leftKeys;
    private final List<PhysicalExpr> rightKeys;
    private final Schema schema;
    /** {@link #schema} with the probe rows' indices last: the output of an order-keeping grace join. */
    private final Schema indexedSchema;
    /** What its probes need of this join. */
    private final JoinShape shape;
    /** Names the shared probe side on disk, apart from the build side (named by this operator). */
    private final Object probeSpillKey = new Object();
    /** Names the joined buckets of an order-keeping grace join on disk. */
    private final Object joinedKey = new Object();

    /** Where this join publishes its build side's keys for a scan on the probe side, or null. */
    private final JoinKeyFilter keyFilter;

    public HashJoinExec(ExecNode left, ExecNode right, JoinKind kind, List<PhysicalExpr> leftKeys,
                        List<PhysicalExpr> rightKeys, Schema schema) {
        this(left, right, kind, leftKeys, rightKeys, schema, null);
    }

    /** @param keyFilter a runtime filter of a scan on the probe side, which this join fills; or null */
    public HashJoinExec(ExecNode left, ExecNode right, JoinKind kind, List<PhysicalExpr> leftKeys,
                        List<PhysicalExpr> rightKeys, Schema schema, JoinKeyFilter keyFilter) {
        this.keyFilter = keyFilter;
        this.left = left;
        this.right = right;
        this.kind = kind;
        this.leftKeys = List.copyOf(leftKeys);
        this.rightKeys = List.copyOf(rightKeys);
        this.schema = schema;
        this.indexedSchema = BucketedSpill.withRowIndex(schema);
        this.shape = new JoinShape(kind, this.leftKeys, left.schema(), schema, indexedSchema);
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
    public boolean spills() {
        return true;
    }

    @Override
    public int partitions() {
        return left.partitions();
    }

    /**
     * The build side, built once from every right partition: a table in memory, or, when it was
     * told to spill while it was read, all of it on disk by bucket (a grace hash join). Closed with
     * the query.
     */
    private record Build(JoinBuildSide table, List<BucketedSpill> spills) implements AutoCloseable {
        @Override
        public void close() {
            if (table != null) {
                table.close();
            }
            if (spills != null) {
                spills.forEach(BucketedSpill::close);
            }
        }
    }

    /** How many times a bucket too big to build is split again, and into how many parts. */
    private static final int MAX_LEVELS = 3;
    private static final int SUB_BUCKETS = 8;

    private int buckets() {
        return left.partitions() * GraceJoinInputs.BUCKETS_PER_PARTITION;
    }

    private List<DataType> buildKeyTypes() {
        return rightKeys.stream().map(PhysicalExpr::type).toList();
    }

    private Build build(TaskContext ctx) {
        SharedResult<GraceJoinInputs.BuildPart, Build> shared = ctx.shared(this, () -> {
            GraceJoinInputs.Budget budget = new GraceJoinInputs.Budget(ctx);
            KeyBuckets keys = new KeyBuckets(rightKeys, buildKeyTypes());
            return new SharedResult<>(right.partitions(), p -> GraceJoinInputs.collect(this, right, p, ctx, budget, keys, buckets()),
                    parts -> {
                        budget.close();
                        return combine(parts, keys, ctx);
                    }, ctx);
        });
        return shared.get();
    }

    private Build combine(List<GraceJoinInputs.BuildPart> parts, KeyBuckets keys, TaskContext ctx) {
        if (parts.stream().allMatch(p -> p.spilled() == null)) {
            List<BatchList> rows = parts.stream().map(GraceJoinInputs.BuildPart::rows).toList();
            return new Build(new JoinBuildSide(rows, right.schema(), rightKeys, left.partitions(), ctx.allocator()), null);
        }
        List<BucketedSpill> spills = new ArrayList<>();
        try {
            for (GraceJoinInputs.BuildPart p : parts) {
                if (p.spilled() != null) {
                    spills.add(p.spilled());
                } else {
                    BucketedSpill s = GraceJoinInputs.spill(this, p.rows(), keys, buckets(), ctx);
                    spills.add(s);
                    s.finish();
                }
            }
            return new Build(null, spills);
        } catch (RuntimeException | Error e) {
            spills.forEach(BucketedSpill::close);
            throw e;
        }
    }

    /** Every probe partition on disk by bucket, once, when the build side is. */
    private GraceJoinInputs.ProbeSide probeSide(TaskContext ctx) {
        SharedResult<BucketedSpill, GraceJoinInputs.ProbeSide> shared = ctx.shared(probeSpillKey, () -> {
            KeyBuckets keys = new KeyBuckets(leftKeys, buildKeyTypes());
            Map<Long, Long> seqs = keepsLeftOrder() ? new ConcurrentHashMap<>() : null;
            return new SharedResult<>(left.partitions(), p -> GraceJoinInputs.spillProbe(this, left, p, ctx, keys, buckets(), seqs),
                    parts -> new GraceJoinInputs.ProbeSide(parts, seqs), ctx);
        });
        return shared.get();
    }

    /**
     * Whether a grace join gives its rows back in the left input's order, as the join in memory
     * does: for the kinds whose output is the left rows (and their matches) alone. {@code agg().over()}
     * is a join of the rows with their groups' aggregates, and its rows must keep their order.
     */
    private boolean keepsLeftOrder() {
        return kind == JoinKind.INNER || kind == JoinKind.LEFT || kind == JoinKind.LEFT_SEMI || kind == JoinKind.LEFT_ANTI;
    }

    /**
     * Every bucket's output of an order-keeping grace join, on disk by probe partition, in runs
     * whose batches follow the probe side's order. Closed with the query.
     */
    private record JoinedBuckets(List<BucketedSpill> runs) implements AutoCloseable {
        static JoinedBuckets of(List<List<BucketedSpill>> buckets) {
            return new JoinedBuckets(buckets.stream().flatMap(List::stream).toList());
        }

        @Override
        public void close() {
            runs.forEach(BucketedSpill::close);
        }
    }

    private JoinedBuckets joined(TaskContext ctx) {
        SharedResult<List<BucketedSpill>, JoinedBuckets> shared = ctx.shared(joinedKey, () ->
                new SharedResult<>(buckets(), b -> joinToDisk(b, ctx), JoinedBuckets::of, ctx));
        return shared.get();
    }

    /**
     * Joins bucket {@code b} and writes its output to disk by the probe partition its rows came
     * from: in runs, a new one where the probe side's order starts again (a bucket split again
     * joins its parts one after another, each in probe order).
     */
    private List<BucketedSpill> joinToDisk(int b, TaskContext ctx) {
        List<BucketedSpill> runs = new ArrayList<>();
        long[] last = new long[left.partitions()];
        try (BatchStream rows = bucketJoin(b, ctx)) {
            for (Batch batch = rows.next(); batch != null; batch = rows.next()) {
                try (Batch owned = batch) {
                    long tag = GraceJoinInputs.tagOf(owned.seq());
                    int p = GraceJoinInputs.partitionOf(tag);
                    if (runs.isEmpty() || tag < last[p]) {
                        if (!runs.isEmpty()) {
                            runs.get(runs.size() - 1).finish();
                        }
                        runs.add(new BucketedSpill(left.partitions(), ctx, this, "join"));
                        Arrays.fill(last, Long.MIN_VALUE);
                    }
                    last[p] = tag;
                    int[] partition = new int[owned.rowCount()];
                    Arrays.fill(partition, p);
                    runs.get(runs.size() - 1).add(owned, partition);
                }
                ctx.checkCancelled();
            }
            if (!runs.isEmpty()) {
                runs.get(runs.size() - 1).finish();
            }
            return runs;
        } catch (RuntimeException | Error e) {
            runs.forEach(BucketedSpill::close);
            throw e;
        }
    }

    /** Probe partition {@code partition}'s rows of an order-keeping grace join, in the order they came in. */
    private BatchStream inLeftOrder(int partition, TaskContext ctx) {
        JoinedBuckets joined = joined(ctx);
        Map<Long, Long> seqs = probeSide(ctx).seqs();
        List<SpillFile.Reader> readers = new ArrayList<>();
        try {
            for (BucketedSpill s : joined.runs()) {
                SpillFile.Reader r = s.reader(partition);
                if (r != null) {
                    readers.add(r);
                }
            }
        } catch (RuntimeException | Error e) {
            readers.forEach(SpillFile.Reader::close);
            throw e;
        }
        return new RowOrderMerge(readers, List.of(), schema, GraceJoinInputs::tagOf, tag -> Seq.split(seqs.get(tag), 0), ctx);
    }

    private boolean tracksMatches() {
        return shape.tracksMatches();
    }

    @Override
    public BatchStream execute(int partition, TaskContext ctx) {
        return new PartitionJoin(partition, ctx);
    }

    /**
     * One probe partition's output: the probe of its rows against the table, or, when the build
     * side went to disk, the joins of its buckets one after another, each bucket's build rows in a
     * table of their own against the bucket's probe rows from every partition.
     */
    private final class PartitionJoin extends ChainedStreams {
        private final int partition;
        private final TaskContext ctx;
        private int nextBucket = -1;

        PartitionJoin(int partition, TaskContext ctx) {
            this.partition = partition;
            this.ctx = ctx;
        }

        @Override
        protected BatchStream nextStream() {
            if (nextBucket < 0) {
                Build build = build(ctx);
                if (build.table() != null) {
                    nextBucket = Integer.MAX_VALUE;
                    if (keyFilter != null && build.table().keys() != null) {
                        ctx.publishJoinKeys(keyFilter, build.table().keys());
                    }
                    return new HashJoinProbe(shape, ctx.execute(left, partition), build.table(), false, ctx);
                }
                if (keepsLeftOrder()) {
                    nextBucket = Integer.MAX_VALUE;
                    return inLeftOrder(partition, ctx);
                }
                nextBucket = partition;
            }
            if (nextBucket >= buckets()) {
                return null;
            }
            BatchStream bucket = bucketJoin(nextBucket, ctx);
            nextBucket += left.partitions();
            return bucket;
        }
    }

    /** The join of bucket {@code b} of a grace join: its build rows against its probe rows. */
    private BatchStream bucketJoin(int b, TaskContext ctx) {
        Build build = build(ctx);
        GraceJoinInputs.ProbeSide probes = probeSide(ctx);
        BatchList rows = new BatchList();
        for (BucketedSpill s : build.spills()) {
            s.takeAll(b, rows);
        }
        return joinBucket(rows, GraceJoinInputs.bucket(probes.parts(), b), 1, ctx);
    }

    /**
     * The join of one bucket's build rows (which it owns) with its probe rows. A bucket whose
     * build rows leave no room ({@link io.polaroid.engine.exec.SpillArbiter#roomFor}) goes to
     * disk again, split by a further hash of the keys ({@code level}), and its parts are
     * joined one after another, up to {@value #MAX_LEVELS} levels (one key's rows cannot be split).
     */
    private BatchStream joinBucket(BatchList rows, BatchStream probe, int level, TaskContext ctx) {
        long bytes = rows.stream().mapToLong(Batch::bytes).sum();
        if (level > MAX_LEVELS || ctx.memory().roomFor(bytes)) {
            JoinBuildSide table;
            try {
                table = new JoinBuildSide(List.of(rows), right.schema(), rightKeys, 1, ctx.allocator());
            } catch (RuntimeException | Error e) {
                probe.close();
                throw e;
            }
            return new HashJoinProbe(shape, probe, table, true, ctx);
        }
        return new SplitBucket(rows, probe, level, ctx);
    }

    /** A bucket too big to build, on disk again in {@value #SUB_BUCKETS} parts, joined part by part. */
    private final class SplitBucket extends ChainedStreams {
        private final BucketedSpill build;
        private final BucketedSpill probe;
        private final int level;
        private final TaskContext ctx;
        private int next;

        SplitBucket(BatchList rows, BatchStream probeRows, int level, TaskContext ctx) {
            this.level = level;
            this.ctx = ctx;
            this.build = new BucketedSpill(SUB_BUCKETS, ctx, HashJoinExec.this, "join");
            this.probe = new BucketedSpill(SUB_BUCKETS, ctx, HashJoinExec.this, "join");
            try (rows; probeRows) {
                KeyBuckets buildKeys = new KeyBuckets(rightKeys, buildKeyTypes());
                for (Batch r : rows) {
                    build.add(r, buildKeys.of(r, SUB_BUCKETS, level, ctx.allocator()));
                }
                KeyBuckets probeKeys = new KeyBuckets(leftKeys, buildKeyTypes());
                Batch b;
                while ((b = probeRows.next()) != null) {
                    try (Batch owned = b) {
                        probe.add(owned, probeKeys.of(owned, SUB_BUCKETS, level, ctx.allocator()));
                    }
                    ctx.checkCancelled();
                }
                build.finish();
                probe.finish();
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
        }

        @Override
        protected BatchStream nextStream() {
            if (next >= SUB_BUCKETS) {
                return null;
            }
            BatchList rows = new BatchList();
            build.takeAll(next, rows);
            return joinBucket(rows, GraceJoinInputs.bucket(List.of(probe), next++), level + 1, ctx);
        }

        @Override
        public void close() {
            super.close();
            build.close();
            probe.close();
        }
    }


    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("HashJoinExec ").append(kind);
        for (int i = 0; i < leftKeys.size(); i++) {
            sb.append(i == 0 ? " on " : ", ").append(leftKeys.get(i)).append(" = ").append(rightKeys.get(i));
        }
        return sb.append(" (build: right)").toString();
    }
}
