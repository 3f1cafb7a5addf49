package io.polaroid.engine.exec.agg;

import io.polaroid.engine.exec.hash.Lanes;
import io.polaroid.engine.memory.HeapMemory;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Vectors;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * n_unique of integer-like values (and floats, by normalized bits): every (group, value) pair is
 * appended as it comes and the distinct values are counted once, at the end, group by group.
 * Null counts as one value, as in Polars.
 */
final class NUniqueLongAccumulator implements Accumulator {
    private final DataType inputType;
    private final GroupPairs pairs;
    private boolean[] sawNull = new boolean[0];
    private long[] scratch = new long[0];

    NUniqueLongAccumulator(DataType inputType, HeapMemory memory) {
        this.inputType = inputType;
        this.pairs = new GroupPairs(memory);
    }

    @Override
    public void resize(int groups) {
        if (sawNull.length < groups) {
            sawNull = Arrays.copyOf(sawNull, Math.max(groups, sawNull.length * 2));
        }
    }

    @Override
    public void update(int[] groupIds, int n, FieldVector input, long seq) {
        if (scratch.length < n) {
            scratch = new long[n];
        }
        Lanes.readLongs(input, inputType, scratch, n);
        long[] valid = Lanes.validity(input, n);
        for (int i = 0; i < n; i++) {
            if (Lanes.isValid(valid, i)) {
                pairs.addIfNotRepeated(groupIds[i], scratch[i]);
            } else {
                sawNull[groupIds[i]] = true;
            }
        }
    }

    @Override
    public void merge(Accumulator other, int from, int to) {
        int[] map = new int[((NUniqueLongAccumulator) other).sawNull.length];
        Arrays.fill(map, -1);
        map[from] = to;
        mergeGroups(other, new int[] {from}, 0, 1, map, 0);
    }

    @Override
    public void bucket(int[] partitionOfGroup, int parts) {
        pairs.bucket(partitionOfGroup, parts);
    }

    @Override
    public void mergeGroups(Accumulator other, int[] groups, int from, int to, int[] map, int part) {
        NUniqueLongAccumulator o = (NUniqueLongAccumulator) other;
        pairs.addMapped(o.pairs, part, map, true);
        for (int j = from; j < to; j++) {
            int g = groups[j];
            if (o.sawNull[g]) {
                sawNull[map[g]] = true;
            }
        }
    }

    @Override
    public FieldVector finish(int[] ids, int count, String name, BufferAllocator allocator) {
        int groups = sawNull.length;
        for (int j = 0; j < count; j++) {
            groups = Math.max(groups, ids[j] + 1);
        }
        GroupPairs.Grouped grouped = pairs.byGroup(groups);
        int[] starts = grouped.starts();
        long[] values = grouped.values();
        FieldVector v = Vectors.allocate(DataType.INT64, name, count, allocator);
        ArrowBuf data = v.getDataBuffer();
        for (int j = 0; j < count; j++) {
            int g = ids[j];
            int a = starts[g];
            int b = starts[g + 1];
            if (b - a > 1) {
                Arrays.sort(values, a, b);
            }
            long distinct = g < sawNull.length && sawNull[g] ? 1 : 0;
            for (int k = a; k < b; k++) {
                if (k == a || values[k] != values[k - 1]) {
                    distinct++;
                }
            }
            data.setLong((long) j << 3, distinct);
        }
        Vectors.setAllValid(v.getValidityBuffer(), count);
        v.setValueCount(count);
        return v;
    }

    @Override
    public int bytesPerGroup() {
        return 1;
    }
}
