package io.polaroid.engine.exec.agg;

import io.polaroid.engine.exec.hash.EncodedKeys;
import io.polaroid.engine.exec.hash.Lanes;
import io.polaroid.engine.exec.hash.KeyEncoder;
import io.polaroid.engine.exec.hash.KeyTable;
import io.polaroid.engine.memory.HeapMemory;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Vectors;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * n_unique: the distinct (group, value) pairs live in a hash table of their own; each pair seen
 * for the first time adds one to its group. Null counts as a value, as in Polars. Integer-like
 * values use a {@link GroupValueSet}; other types a key table over (group, value) rows.
 */
final class NUniqueAccumulator implements Accumulator {
    private final DataType inputType;
    private final BufferAllocator allocator;
    private final KeyEncoder encoder;
    private final KeyTable pairs;
    private final GroupValueSet longPairs;
    private boolean[] sawNull = new boolean[0];
    private long[] scratch = new long[0];
    private final EncodedKeys encoded = new EncodedKeys();
    private long[] counts = new long[0];
    private int[] pairGroups = new int[1024];
    private int[] ids = new int[0];

    NUniqueAccumulator(DataType inputType, BufferAllocator allocator, HeapMemory memory) {
        this.inputType = inputType;
        this.allocator = allocator;
        boolean longs = Lanes.isLongLane(inputType);
        this.encoder = longs ? null : new KeyEncoder(List.of(DataType.INT32, inputType));
        this.pairs = longs ? null : encoder.newTable(memory);
        this.longPairs = longs ? new GroupValueSet(memory) : null;
    }

    @Override
    public void resize(int groups) {
        if (counts.length < groups) {
            int size = Math.max(groups, counts.length * 2);
            counts = Arrays.copyOf(counts, size);
            sawNull = Arrays.copyOf(sawNull, size);
        }
    }

    @Override
    public void update(int[] groupIds, int n, FieldVector input, long seq) {
        if (longPairs != null) {
            if (scratch.length < n) {
                scratch = new long[n];
            }
            Lanes.readLongs(input, inputType, scratch, n);
            long[] valid = Lanes.validity(input, n);
            int lastGroup = -1;
            long lastValue = 0;
            for (int i = 0; i < n; i++) {
                int g = groupIds[i];
                if (!Lanes.isValid(valid, i)) {
                    if (!sawNull[g]) {
                        sawNull[g] = true;
                        counts[g]++;
                    }
                    continue;
                }
                long v = scratch[i];
                if (g == lastGroup && v == lastValue) {
                    continue;
                }
                lastGroup = g;
                lastValue = v;
                if (longPairs.add(g, v)) {
                    counts[g]++;
                }
            }
            return;
        }
        try (FieldVector groups = groupVector(groupIds, n)) {
            insert(groups, input, groupIds, n);
        }
    }

    private FieldVector groupVector(int[] groupIds, int n) {
        FieldVector groups = Vectors.allocate(DataType.INT32, "group", n, allocator);
        ArrowBuf data = groups.getDataBuffer();
        for (int i = 0; i < n; i++) {
            data.setInt((long) i << 2, groupIds[i]);
        }
        Vectors.setAllValid(groups.getValidityBuffer(), n);
        groups.setValueCount(n);
        return groups;
    }

    private void insert(FieldVector groups, FieldVector values, int[] groupIds, int n) {
        if (ids.length < n) {
            ids = new int[n];
        }
        int next = pairs.size();
        encoder.encode(List.of(groups, values), n, encoded);
        pairs.findOrInsert(encoded, ids);
        for (int i = 0; i < n; i++) {
            if (ids[i] == next) {
                if (next == pairGroups.length) {
                    pairGroups = Arrays.copyOf(pairGroups, next * 2);
                }
                pairGroups[next] = groupIds[i];
                counts[groupIds[i]]++;
                next++;
            }
        }
    }

    @Override
    public void merge(Accumulator other, int from, int to) {
        int[] map = new int[((NUniqueAccumulator) other).counts.length];
        Arrays.fill(map, -1);
        map[from] = to;
        mergeAll(other, map);
    }

    @Override
    public void mergeAll(Accumulator other, int[] map) {
        NUniqueAccumulator o = (NUniqueAccumulator) other;
        if (longPairs != null) {
            GroupValueSet theirs = o.longPairs;
            for (int e = 0; e < theirs.size; e++) {
                int g = theirs.groups[e];
                int target = g < map.length ? map[g] : -1;
                if (target >= 0 && longPairs.add(target, theirs.values[e])) {
                    counts[target]++;
                }
            }
            for (int g = 0; g < Math.min(map.length, o.sawNull.length); g++) {
                if (map[g] >= 0 && o.sawNull[g] && !sawNull[map[g]]) {
                    sawNull[map[g]] = true;
                    counts[map[g]]++;
                }
            }
            return;
        }
        int total = o.pairs.size();
        int[] selected = new int[total];
        int[] targets = new int[total];
        int k = 0;
        for (int p = 0; p < total; p++) {
            int g = o.pairGroups[p];
            if (g < map.length && map[g] >= 0) {
                selected[k] = p;
                targets[k] = map[g];
                k++;
            }
        }
        if (k == 0) {
            return;
        }
        List<FieldVector> both = o.pairs.toVectors(selected, k, List.of("group", "value"), allocator);
        try (FieldVector ignored = both.get(0); FieldVector values = both.get(1);
             FieldVector groups = groupVector(targets, k)) {
            insert(groups, values, targets, k);
        }
    }

    @Override
    public FieldVector finish(int[] ids, int count, String name, BufferAllocator allocator) {
        FieldVector v = Vectors.allocate(DataType.INT64, name, count, allocator);
        ArrowBuf data = v.getDataBuffer();
        for (int j = 0; j < count; j++) {
            data.setLong((long) j << 3, ids[j] < counts.length ? counts[ids[j]] : 0);
        }
        Vectors.setAllValid(v.getValidityBuffer(), count);
        v.setValueCount(count);
        return v;
    }

    @Override
    public int bytesPerGroup() {
        return 8;
    }

}
