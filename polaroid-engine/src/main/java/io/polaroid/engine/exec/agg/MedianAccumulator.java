package io.polaroid.engine.exec.agg;

import io.polaroid.engine.exec.hash.Lanes;
import io.polaroid.engine.memory.HeapMemory;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Vectors;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * median: keeps every non-null value with its group, then sorts each group's values once at the
 * end; an even count averages the two middle values (as Polars).
 */
final class MedianAccumulator implements Accumulator {
    private final DataType inputType;
    private final HeapMemory memory;
    private int[] groups = new int[1024];
    private double[] values = new double[1024];
    private int size;
    private double[] batch = new double[0];
    private int groupCount;

    MedianAccumulator(DataType inputType, HeapMemory memory) {
        this.inputType = inputType;
        this.memory = memory;
        memory.grow(1024 * 12);
    }

    @Override
    public void resize(int groupCount) {
        this.groupCount = Math.max(this.groupCount, groupCount);
    }

    private void append(int group, double value) {
        if (size == groups.length) {
            memory.grow((long) groups.length * 12);
            groups = Arrays.copyOf(groups, groups.length * 2);
            values = Arrays.copyOf(values, values.length * 2);
        }
        groups[size] = group;
        values[size] = value;
        size++;
    }

    @Override
    public void update(int[] groupIds, int n, FieldVector input, long seq) {
        if (batch.length < n) {
            batch = new double[n];
        }
        Lanes.readDoubles(input, inputType, batch, n);
        long[] valid = Lanes.validity(input, n);
        for (int i = 0; i < n; i++) {
            if (Lanes.isValid(valid, i)) {
                append(groupIds[i], batch[i]);
            }
        }
    }

    @Override
    public void merge(Accumulator other, int from, int to) {
        mergeAll(other, null, from, to);
    }

    @Override
    public void mergeAll(Accumulator other, int[] map) {
        mergeAll(other, map, -1, -1);
    }

    private void mergeAll(Accumulator other, int[] map, int from, int to) {
        MedianAccumulator o = (MedianAccumulator) other;
        for (int k = 0; k < o.size; k++) {
            int g = o.groups[k];
            int target = map != null ? map[g] : (g == from ? to : -1);
            if (target >= 0) {
                append(target, o.values[k]);
            }
        }
    }

    @Override
    public FieldVector finish(int[] ids, int count, String name, BufferAllocator allocator) {
        int groupsSeen = groupCount;
        for (int k = 0; k < size; k++) {
            groupsSeen = Math.max(groupsSeen, groups[k] + 1);
        }
        int[] starts = new int[groupsSeen + 1];
        for (int k = 0; k < size; k++) {
            starts[groups[k] + 1]++;
        }
        for (int g = 0; g < groupsSeen; g++) {
            starts[g + 1] += starts[g];
        }
        double[] sorted = new double[size];
        int[] fill = Arrays.copyOf(starts, groupsSeen);
        for (int k = 0; k < size; k++) {
            sorted[fill[groups[k]]++] = values[k];
        }
        FieldVector v = Vectors.allocate(DataType.FLOAT64, name, count, allocator);
        ArrowBuf data = v.getDataBuffer();
        for (int j = 0; j < count; j++) {
            int g = ids[j];
            if (g >= groupsSeen) {
                continue;
            }
            int a = starts[g];
            int b = starts[g + 1];
            if (a == b) {
                continue;
            }
            Arrays.sort(sorted, a, b);
            int mid = a + (b - a) / 2;
            double median = (b - a) % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
            data.setDouble((long) j << 3, median);
            BitVectorHelper.setBit(v.getValidityBuffer(), j);
        }
        v.setValueCount(count);
        return v;
    }

    @Override
    public int bytesPerGroup() {
        return 0;
    }
}
