package io.polaroid.engine.exec.agg;

import io.polaroid.engine.exec.hash.Lanes;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Vectors;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** count (non-null values) or, with {@code rows}, len (all rows). */
final class CountAccumulator implements Accumulator {
    private final boolean rows;
    private long[] counts = new long[0];

    CountAccumulator(boolean rows) {
        this.rows = rows;
    }

    @Override
    public void resize(int groups) {
        if (counts.length < groups) {
            counts = Arrays.copyOf(counts, Math.max(groups, counts.length * 2));
        }
    }

    @Override
    public void update(int[] groupIds, int n, FieldVector input, long seq) {
        long[] valid = rows ? null : Lanes.validity(input, n);
        if (valid == null) {
            for (int i = 0; i < n; i++) {
                counts[groupIds[i]]++;
            }
        } else {
            for (int i = 0; i < n; i++) {
                counts[groupIds[i]] += (valid[i >>> 6] >>> i) & 1;
            }
        }
    }

    @Override
    public void merge(Accumulator other, int from, int to) {
        counts[to] += ((CountAccumulator) other).counts[from];
    }

    @Override
    public FieldVector finish(int[] ids, int count, String name, BufferAllocator allocator) {
        FieldVector v = Vectors.allocate(DataType.INT64, name, count, allocator);
        ArrowBuf data = v.getDataBuffer();
        for (int j = 0; j < count; j++) {
            data.setLong((long) j << 3, counts[ids[j]]);
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
