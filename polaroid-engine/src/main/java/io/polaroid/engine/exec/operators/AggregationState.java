package io.polaroid.engine.exec.operators;

import io.polaroid.engine.expr.AggFn;
import io.polaroid.engine.kernels.ColumnExpr;
import io.polaroid.engine.kernels.PhysicalExpr;
import io.polaroid.engine.plan.GroupOrder;
import io.polaroid.engine.exec.agg.Accumulator;
import io.polaroid.engine.exec.agg.Accumulators;
import io.polaroid.engine.exec.hash.EncodedKeys;
import io.polaroid.engine.exec.hash.KeyEncoder;
import io.polaroid.engine.exec.hash.KeyMerge;
import io.polaroid.engine.exec.hash.KeyTable;
import io.polaroid.engine.memory.HeapMemory;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;

/**
 * Groups and aggregate states of one hash aggregation, as one thread builds it from its batches
 * (a partial state) or as an output partition merges partial states into it (a final state).
 * Without keys there is exactly one group. Unless the group order is ANY, remembers where each
 * group was first (or last) seen, to output groups in input order.
 */
final class AggregationState implements AutoCloseable {
    private final List<PhysicalExpr> keys;
    private final List<AggregateSpec> aggs;
    private final KeyEncoder encoder;
    private final KeyTable table;
    final Accumulator[] accumulators;
    private final HeapMemory memory;
    private final BufferAllocator allocator;
    private final EncodedKeys encoded = new EncodedKeys();
    private final boolean trackOrder;
    private final boolean byLast;
    private final int bytesPerGroup;
    private int[] ids = new int[0];
    private int capacity;
    /** Where each group was first (or, by last, last) seen: batch sequence, then row in the batch. */
    long[] seenSeq = new long[0];
    int[] seenRow = new int[0];

    AggregationState(List<PhysicalExpr> keys, List<AggregateSpec> aggs, GroupOrder order, BufferAllocator allocator) {
        this.keys = keys;
        this.aggs = aggs;
        this.allocator = allocator;
        this.memory = new HeapMemory(allocator, "hash aggregation");
        this.trackOrder = order != GroupOrder.ANY;
        this.byLast = order == GroupOrder.LAST_SEEN;
        List<DataType> keyTypes = new ArrayList<>();
        for (PhysicalExpr k : keys) {
            keyTypes.add(k.type());
        }
        this.encoder = keys.isEmpty() ? null : new KeyEncoder(keyTypes);
        this.table = keys.isEmpty() ? null : encoder.newTable(memory);
        this.accumulators = new Accumulator[aggs.size()];
        for (int a = 0; a < aggs.size(); a++) {
            AggregateSpec spec = aggs.get(a);
            accumulators[a] = Accumulators.create(spec.fn(), spec.argType(), spec.quantile(), spec.type(), allocator, memory);
        }
        shareSumsWithMeans(aggs, accumulators);
        int bytes = trackOrder ? 12 : 0;
        for (Accumulator a : accumulators) {
            bytes += a.bytesPerGroup();
        }
        this.bytesPerGroup = bytes;
        if (keys.isEmpty()) {
            ensureGroups(1);
        }
    }

    /** A sum of the column a mean also averages reads the mean's state: each row is added once. */
    private static void shareSumsWithMeans(List<AggregateSpec> aggs, Accumulator[] accumulators) {
        for (int a = 0; a < aggs.size(); a++) {
            AggregateSpec sum = aggs.get(a);
            if (sum.fn() != AggFn.SUM || !(sum.arg() instanceof ColumnExpr)) {
                continue;
            }
            for (int b = 0; b < aggs.size(); b++) {
                if (aggs.get(b).fn() == AggFn.MEAN && sum.arg().equals(aggs.get(b).arg())) {
                    accumulators[a] = Accumulators.sumBeside(accumulators[b], sum.type());
                    break;
                }
            }
        }
    }

    int groupCount() {
        return table == null ? 1 : table.size();
    }

    KeyTable table() {
        return table;
    }

    private void ensureGroups(int groups) {
        if (groups <= capacity) {
            return;
        }
        int newCapacity = Math.max(groups, Math.max(64, capacity * 2));
        memory.grow((long) (newCapacity - capacity) * bytesPerGroup);
        for (Accumulator a : accumulators) {
            a.resize(newCapacity);
        }
        if (trackOrder) {
            int old = seenSeq.length;
            seenSeq = Arrays.copyOf(seenSeq, newCapacity);
            seenRow = Arrays.copyOf(seenRow, newCapacity);
            Arrays.fill(seenSeq, old, newCapacity, byLast ? Long.MIN_VALUE : Long.MAX_VALUE);
        }
        capacity = newCapacity;
    }

    /** Adds the rows of one batch. */
    void consume(Batch batch) {
        consume(batch, null);
    }

    /**
     * Adds the rows of one batch; where groups were seen is row {@code originalRows[i]} of the
     * batch for row {@code i} (null: row {@code i}), for rows that come back from disk.
     */
    void consume(Batch batch, IntVector originalRows) {
        int n = batch.rowCount();
        if (ids.length < n) {
            ids = new int[Math.max(n, 1024)];
        }
        if (table != null) {
            encodeKeys(batch, encoded);
            table.findOrInsert(encoded, ids);
            ensureGroups(table.size());
        } else {
            Arrays.fill(ids, 0, n, 0);
        }
        if (trackOrder) {
            long seq = batch.seq();
            for (int i = 0; i < n; i++) {
                int g = ids[i];
                if (byLast ? seq >= seenSeq[g] : seq < seenSeq[g]) {
                    seenSeq[g] = seq;
                    seenRow[g] = originalRows == null ? i : originalRows.get(i);
                }
            }
        }
        for (int a = 0; a < accumulators.length; a++) {
            PhysicalExpr arg = aggs.get(a).arg();
            if (arg == null) {
                accumulators[a].update(ids, n, null, batch.seq());
            } else {
                try (FieldVector v = arg.eval(batch, allocator)) {
                    accumulators[a].update(ids, n, v, batch.seq());
                }
            }
        }
    }

    /** Heap this state has taken (its key table and accumulators). */
    long memoryBytes() {
        return memory.reserved();
    }

    private void encodeKeys(Batch batch, EncodedKeys into) {
        List<FieldVector> keyVectors = new ArrayList<>(keys.size());
        try {
            for (PhysicalExpr k : keys) {
                keyVectors.add(k.eval(batch, allocator));
            }
            encoder.encode(keyVectors, batch.rowCount(), into);
        } finally {
            keyVectors.forEach(FieldVector::close);
        }
    }

    /** Makes room for {@code groups} groups before a merge, so that it never rehashes. */
    void reserve(int groups) {
        if (table != null) {
            table.reserve(groups);
        }
        ensureGroups(groups);
    }

    /** This state's group ids bucketed by output partition, computed once before the merges. */
    private int[] bucketed;
    private int[] bucketStarts;
    /**
     * Where each group of this (partial) state went in the merged state of its partition. Output
     * partitions merge concurrently but each writes only its own groups' slots, so one array serves all.
     */
    private int[] mergeMap;

    /**
     * Buckets the group ids among {@code parts} as {@link KeyBuckets#bucketOf} does at re-bucketing
     * {@code level}, so each merge reads only its own.
     */
    void bucket(int parts, int level) {
        int groups = groupCount();
        int[] starts = new int[parts + 1];
        int[] partOf = new int[groups];
        for (int g = 0; g < groups; g++) {
            partOf[g] = table == null ? 0 : KeyBuckets.bucketOf(table.hashOf(g), parts, level);
            starts[partOf[g] + 1]++;
        }
        for (int p = 0; p < parts; p++) {
            starts[p + 1] += starts[p];
        }
        int[] fill = java.util.Arrays.copyOf(starts, parts);
        int[] order = new int[groups];
        for (int g = 0; g < groups; g++) {
            order[fill[partOf[g]]++] = g;
        }
        bucketed = order;
        bucketStarts = starts;
        mergeMap = new int[groups];
        for (Accumulator a : accumulators) {
            a.bucket(partOf, parts);
        }
    }

    int groupsIn(int part) {
        return bucketStarts[part + 1] - bucketStarts[part];
    }

    /**
     * Merges the groups of each of {@code others} that fall in partition {@code part} (see
     * {@link #bucket}) into this state. Their keys go into this state's table together, in key order when the tables allow
     * it ({@link KeyMerge}).
     */
    void mergeAll(List<AggregationState> others, int part) {
        int n = others.size();
        int[] from = new int[n];
        int[] to = new int[n];
        List<KeyTable> tables = new ArrayList<>(n);
        List<int[]> ids = new ArrayList<>(n);
        List<int[]> maps = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            AggregationState other = others.get(s);
            from[s] = other.bucketStarts[part];
            to[s] = other.bucketStarts[part + 1];
            tables.add(other.table);
            ids.add(other.bucketed);
            maps.add(other.mergeMap);
        }
        if (table != null) {
            KeyMerge.addAll(table, tables, ids, from, to, maps);
        } else {
            for (int s = 0; s < n; s++) {
                for (int j = from[s]; j < to[s]; j++) {
                    maps.get(s)[ids.get(s)[j]] = 0;
                }
            }
        }
        ensureGroups(groupCount());
        for (int s = 0; s < n; s++) {
            mergeStates(others.get(s), from[s], to[s], part);
        }
    }

    /** Folds the aggregate states (and where groups were seen) of {@code other}'s groups {@code bucketed[from .. to)} in, by its merge map. */
    private void mergeStates(AggregationState other, int from, int to, int part) {
        int[] map = other.mergeMap;
        for (int a = 0; a < accumulators.length; a++) {
            accumulators[a].mergeGroups(other.accumulators[a], other.bucketed, from, to, map, part);
        }
        if (trackOrder) {
            for (int j = from; j < to; j++) {
                int g = other.bucketed[j];
                int t = map[g];
                if (t >= 0 && seenBefore(other.seenSeq[g], other.seenRow[g], seenSeq[t], seenRow[t]) != byLast) {
                    seenSeq[t] = other.seenSeq[g];
                    seenRow[t] = other.seenRow[g];
                }
            }
        }
    }

    private static boolean seenBefore(long seqA, int rowA, long seqB, int rowB) {
        return seqA < seqB || (seqA == seqB && rowA < rowB);
    }

    static int partitionOf(long hash, int parts) {
        return (int) Math.floorMod(hash >>> 29, (long) parts);
    }

    /** Key columns then aggregate columns for groups {@code order[0 .. count)}. */
    List<FieldVector> output(int[] order, int count, List<String> names) {
        List<FieldVector> columns = new ArrayList<>(names.size());
        try {
            if (table != null) {
                columns.addAll(table.toVectors(order, count, names.subList(0, keys.size()), allocator));
            }
            for (int a = 0; a < accumulators.length; a++) {
                columns.add(accumulators[a].finish(order, count, names.get(keys.size() + a), allocator));
            }
            return columns;
        } catch (RuntimeException | Error e) {
            columns.forEach(FieldVector::close);
            throw e;
        }
    }

    @Override
    public void close() {
        if (table != null) {
            table.close();
        }
        memory.close();
    }
}
