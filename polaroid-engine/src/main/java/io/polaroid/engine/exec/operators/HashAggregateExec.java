package io.polaroid.engine.exec.operators;

import io.polaroid.engine.kernels.PhysicalExpr;
import io.polaroid.engine.plan.GroupOrder;
import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.Seq;
import io.polaroid.engine.exec.SharedResult;
import io.polaroid.engine.exec.SpillArbiter;
import io.polaroid.engine.exec.Streams;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;

/**
 * Hash aggregation in two phases. Phase 1: every input partition is drained by its own thread into
 * a partial {@link AggregationState}. Phase 2: output partition p merges the groups whose hash
 * falls in p from every partial state, so the final merge is parallel and its slices are
 * disjoint. Without keys, or when groups must come out in input order, there is one output
 * partition.
 */
public final class HashAggregateExec implements ExecNode {

    private final ExecNode input;
    private final List<PhysicalExpr> keys;
    private final List<AggregateSpec> aggs;
    private final Schema schema;
    private final GroupOrder order;
    private final int outputPartitions;
    private final int sourceId;

    public HashAggregateExec(ExecNode input, List<PhysicalExpr> keys, List<AggregateSpec> aggs, Schema schema,
                             GroupOrder order, int threads, int sourceId) {
        this.input = input;
        this.keys = List.copyOf(keys);
        this.aggs = List.copyOf(aggs);
        this.schema = schema;
        this.order = order;
        // One output partition per thread. (Measured: 4 or 16 slices per thread, for cache-sized
        // merge tables, did not beat this on TPC-H SF1: the merge then reads partial states out of order.)
        this.outputPartitions = keys.isEmpty() || order != GroupOrder.ANY ? 1 : Math.max(1, threads);
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
    public boolean spills() {
        return true;
    }

    @Override
    public int partitions() {
        return outputPartitions;
    }

    /**
     * Buckets per output partition once an input partition spills: the groups of each bucket (in
     * memory and on disk) must fit in memory together.
     */
    static final int SPILL_BUCKETS_PER_PARTITION = 16;

    /** Levels of re-bucketing below the first split, at most: one key's rows cannot be split. */
    private static final int MAX_LEVELS = 3;
    /** Parts a bucket is split into when its groups outgrow memory again. */
    static final int SUB_BUCKETS = 8;

    /**
     * One input partition's groups, and the rows of it that came after the state outgrew its share
     * of {@code polaroid.spill.operator-bytes}, on disk by bucket (null if none).
     */
    private record Partial(AggregationState state, BucketedSpill spilled) {
    }

    /**
     * The partial states of all input partitions, bucketed for the merge: by output partition, or,
     * when any input spilled, into {@link #SPILL_BUCKETS_PER_PARTITION} buckets per output
     * partition, merged one bucket at a time. Closed with the query.
     */
    private final class Partials implements AutoCloseable {
        final List<Partial> parts;
        final boolean spilled;
        final int buckets;

        Partials(List<Partial> parts) {
            this.parts = parts;
            this.spilled = parts.stream().anyMatch(p -> p.spilled() != null);
            this.buckets = spilled ? outputPartitions * SPILL_BUCKETS_PER_PARTITION : outputPartitions;
            for (Partial p : parts) {
                p.state().bucket(buckets, 0);
            }
        }

        @Override
        public void close() {
            for (Partial p : parts) {
                p.state().close();
                if (p.spilled() != null) {
                    p.spilled().close();
                }
            }
        }
    }

    private Partials partials(TaskContext ctx) {
        SharedResult<Partial, Partials> shared = ctx.shared(this, () -> new SharedResult<>(input.partitions(),
                part -> buildPartial(part, ctx), Partials::new, ctx));
        return shared.get();
    }

    /**
     * Drains one input partition into a partial state; once the query's {@link SpillArbiter} says
     * so, the rest of the input goes to disk by bucket (not without keys), with each row's index in
     * its batch when groups must come out in input order.
     */
    private Partial buildPartial(int part, TaskContext ctx) {
        AggregationState state = new AggregationState(keys, aggs, order, ctx.allocator());
        BucketedSpill[] spilled = new BucketedSpill[1];
        boolean maySpill = !keys.isEmpty();
        int buckets = outputPartitions * SPILL_BUCKETS_PER_PARTITION;
        KeyBuckets bucketOf = new KeyBuckets(keys, keys.stream().map(PhysicalExpr::type).toList());
        try (SpillArbiter.Consumer memory = ctx.memory().register("aggregate", input.partitions())) {
            Streams.forEach(input, part, ctx, batch -> {
                if (spilled[0] != null) {
                    spilled[0].add(batch, bucketOf.of(batch, buckets, ctx.allocator()));
                    return;
                }
                state.consume(batch);
                if (maySpill && memory.shouldSpill(state.memoryBytes())) {
                    spilled[0] = new BucketedSpill(buckets, ctx, this, "aggregate", order != GroupOrder.ANY);
                }
            });
            if (spilled[0] != null) {
                spilled[0].finish();
            }
            return new Partial(state, spilled[0]);
        } catch (RuntimeException | Error e) {
            state.close();
            if (spilled[0] != null) {
                spilled[0].close();
            }
            throw e;
        }
    }

    @Override
    public BatchStream execute(int partition, TaskContext ctx) {
        return new LazyStream(() -> {
            Partials partials = partials(ctx);
            return partials.spilled && order != GroupOrder.ANY ? inInputOrder(partials, ctx) : new Buckets(partials, partition, ctx);
        });
    }

    /**
     * Groups that must come out in input order, after a spill (one output partition): each
     * bucket's groups, in the order they were seen, go to disk as a run, and the runs are merged
     * by where the groups were seen.
     */
    private BatchStream inInputOrder(Partials partials, TaskContext ctx) {
        SeenOrderRuns runs = new SeenOrderRuns(schema, this, ctx);
        try {
            for (int b = 0; b < partials.buckets; b++) {
                mergeBucket(partials.parts, b, 0, ctx, merged -> runs.add(merged, groupOrder(merged)));
            }
        } catch (RuntimeException | Error e) {
            runs.close();
            throw e;
        }
        return runs.merge(sourceId);
    }

    /**
     * One output partition's groups, made a bucket at a time as they are read: after a spill
     * (grace aggregation) each of the partition's buckets is merged from the groups the partial
     * states hold and the rows on disk only when the groups before it have been taken, so that
     * one bucket's groups at a time are in memory.
     */
    private final class Buckets implements BatchStream {
        private final Partials partials;
        private final int partition;
        private final TaskContext ctx;
        private final Deque<Batch> ready = new ArrayDeque<>();
        private int nextBucket;
        private int emitted;

        Buckets(Partials partials, int partition, TaskContext ctx) {
            this.partials = partials;
            this.partition = partition;
            this.ctx = ctx;
            this.nextBucket = partition;
        }

        private int lastBucket() {
            return partials.spilled ? partials.buckets : partition + 1;
        }

        @Override
        public Batch next() {
            while (ready.isEmpty() && nextBucket < lastBucket()) {
                List<Batch> made = new ArrayList<>();
                try {
                    mergeAndEmit(partials, nextBucket, partition, ctx, made, emitted);
                } catch (RuntimeException | Error e) {
                    Batch.closeAll(made);
                    throw e;
                }
                emitted += made.size();
                ready.addAll(made);
                nextBucket += partials.spilled ? outputPartitions : 1;
            }
            return ready.poll();
        }

        @Override
        public void close() {
            Batch.closeAll(new ArrayList<>(ready));
            ready.clear();
        }
    }

    /**
     * Merges bucket {@code bucket} of every partial state (and its rows on disk) and appends its
     * groups to {@code out}, numbering its batches from {@code firstIndex} within the partition.
     */
    private void mergeAndEmit(Partials partials, int bucket, int partition, TaskContext ctx, List<Batch> out, int firstIndex) {
        List<Partial> parts = partials.parts;
        if (outputPartitions == 1 && parts.size() == 1 && !keys.isEmpty() && !partials.spilled) {
            emit(parts.get(0).state(), partition, ctx, out, firstIndex);
            return;
        }
        mergeBucket(parts, bucket, 0, ctx, merged -> emit(merged, partition, ctx, out, firstIndex));
    }

    /**
     * Merges bucket {@code bucket} (at re-bucketing {@code level}) of {@code parts} and hands the
     * groups to {@code emit}. When the merged groups outgrow the operator's share while the
     * bucket's rows on disk are read, the rest of those rows go to disk again in
     * {@value #SUB_BUCKETS} parts by a further hash of the keys, the groups merged so far are split
     * the same way, and each part is merged on its own: recursively, up to {@value #MAX_LEVELS}
     * levels.
     */
    private void mergeBucket(List<Partial> parts, int bucket, int level, TaskContext ctx,
            java.util.function.Consumer<AggregationState> emit) {
        boolean maySplit = level < MAX_LEVELS && !keys.isEmpty();
        BucketedSpill[] rest = new BucketedSpill[1];
        KeyBuckets bucketOf = new KeyBuckets(keys, keys.stream().map(PhysicalExpr::type).toList());
        try (AggregationState merged = new AggregationState(keys, aggs, order, ctx.allocator());
             SpillArbiter.Consumer memory = ctx.memory().register("aggregate", outputPartitions)) {
            long total = 0;
            for (Partial p : parts) {
                total += p.state().groupsIn(bucket);
            }
            merged.reserve((int) Math.min(Integer.MAX_VALUE / 4, total + 1));
            merged.mergeAll(parts.stream().map(Partial::state).toList(), bucket);
            ctx.checkCancelled();
            for (Partial p : parts) {
                if (p.spilled() == null) {
                    continue;
                }
                p.spilled().forEach(bucket, batch -> {
                    if (rest[0] != null) {
                        rest[0].add(batch, bucketOf.of(batch, SUB_BUCKETS, level + 1, ctx.allocator()));
                        return;
                    }
                    merged.consume(batch, order == GroupOrder.ANY ? null : (IntVector) batch.column(batch.columnCount() - 1));
                    if (maySplit && memory.shouldSpill(merged.memoryBytes())) {
                        rest[0] = new BucketedSpill(SUB_BUCKETS, ctx, this, "aggregate");
                    }
                });
            }
            memory.close();
            if (rest[0] == null) {
                emit.accept(merged);
                return;
            }
            rest[0].finish();
            merged.bucket(SUB_BUCKETS, level + 1);
            List<Partial> split = List.of(new Partial(merged, rest[0]));
            for (int part = 0; part < SUB_BUCKETS; part++) {
                mergeBucket(split, part, level + 1, ctx, emit);
            }
        } finally {
            if (rest[0] != null) {
                rest[0].close();
            }
        }
    }

    /** The groups of {@code result}: in the order they were seen, unless any order will do. */
    private int[] groupOrder(AggregationState result) {
        int[] groupOrder = IntStream.range(0, result.groupCount()).toArray();
        if (order == GroupOrder.ANY) {
            return groupOrder;
        }
        return Arrays.stream(groupOrder).boxed()
                .sorted(Comparator.<Integer>comparingLong(g -> result.seenSeq[g]).thenComparingInt(g -> result.seenRow[g]))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Appends the groups of {@code result} to {@code out}, cut into batches numbered on from {@code firstIndex}. */
    private void emit(AggregationState result, int partition, TaskContext ctx, List<Batch> out, int firstIndex) {
        int groups = result.groupCount();
        int[] groupOrder = groupOrder(result);
        List<FieldVector> columns = result.output(groupOrder, groups, schema.names());
        try (Batch all = Batch.of(schema, columns, groups, 0)) {
            int step = ctx.batchRows();
            for (int start = 0; start < groups; start += step) {
                int len = Math.min(step, groups - start);
                List<FieldVector> slice = new ArrayList<>(columns.size());
                for (FieldVector c : all.columns()) {
                    slice.add(Vectors.slice(c, start, len));
                }
                out.add(Batch.of(schema, slice, len, Seq.of(sourceId, partition, firstIndex + out.size())));
            }
        }
    }

    @Override
    public String describe() {
        return "HashAggregateExec keys=" + keys + " aggs=" + aggs + (order != GroupOrder.ANY ? " order=" + order : "")
                + " partitions=" + outputPartitions;
    }
}
