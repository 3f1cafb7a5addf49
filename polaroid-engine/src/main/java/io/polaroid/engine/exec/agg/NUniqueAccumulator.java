package io.polaroid.engine.exec.agg;

import io.polaroid.engine.exec.hash.EncodedKeys;
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
 * n_unique of strings and decimals: the distinct (group, value) pairs live in a key table of their
 * own; each pair seen for the first time adds one to its group. Null counts as a value, as in
 * Polars. (Integer-like values use {@link NUniqueLongAccumulator}.)
 */
final class NUniqueAccumulator implements Accumulator {
    private final BufferAllocator allocator;
    private final KeyEncoder encoder;
    private final KeyTable pairs;
    private final EncodedKeys encoded = new EncodedKeys();
    private long[] counts = new long[0];
    private int[] pairGroups = new int[1024];
    private int[] ids = new int[0];
    private int[] pairOrder;
    private int[] partStarts;

    NUniqueAccumulator(DataType inputType, BufferAllocator allocator, HeapMemory memory) {
        this.allocator = allocator;
        this.encoder = new KeyEncoder(List.of(DataType.INT32, inputType));
        this.pairs = encoder.newTable(memory);
    }

    @Override
    public void resize(int groups) {
        if (counts.length < groups) {
            counts = Arrays.copyOf(counts, Math.max(groups, counts.length * 2));
        }
    }

    @Override
    public void update(int[] groupIds, int n, FieldVector input, long seq) {
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
        mergeGroups(other, new int[] {from}, 0, 1, map, 0);
    }

    @Override
    public void bucket(int[] partitionOfGroup, int parts) {
        int total = pairs.size();
        int[] starts = new int[parts + 1];
        for (int p = 0; p < total; p++) {
            starts[partitionOfGroup[pairGroups[p]] + 1]++;
        }
        for (int q = 0; q < parts; q++) {
            starts[q + 1] += starts[q];
        }
        int[] fill = Arrays.copyOf(starts, parts);
        int[] order = new int[total];
        for (int p = 0; p < total; p++) {
            order[fill[partitionOfGroup[pairGroups[p]]]++] = p;
        }
        pairOrder = order;
        partStarts = starts;
    }

    @Override
    public void mergeGroups(Accumulator other, int[] groups, int from, int to, int[] map, int part) {
        NUniqueAccumulator o = (NUniqueAccumulator) other;
        int first = o.partStarts == null ? 0 : o.partStarts[part];
        int last = o.partStarts == null ? o.pairs.size() : o.partStarts[part + 1];
        int[] selected = new int[last - first];
        int[] targets = new int[last - first];
        int k = 0;
        for (int j = first; j < last; j++) {
            int p = o.pairOrder == null ? j : o.pairOrder[j];
            int target = map[o.pairGroups[p]];
            if (target >= 0) {
                selected[k] = p;
                targets[k++] = target;
            }
        }
        if (k == 0) {
            return;
        }
        List<FieldVector> both = o.pairs.toVectors(selected, k, List.of("group", "value"), allocator);
        try (FieldVector ignored = both.get(0); FieldVector values = both.get(1);
             FieldVector targetGroups = groupVector(targets, k)) {
            insert(targetGroups, values, targets, k);
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
