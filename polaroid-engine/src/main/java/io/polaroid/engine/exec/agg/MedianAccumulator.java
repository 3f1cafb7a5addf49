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
    private final GroupPairs pairs;
    private double[] batch = new double[0];
    private int groupCount;

    MedianAccumulator(DataType inputType, HeapMemory memory) {
        this.inputType = inputType;
        this.pairs = new GroupPairs(memory);
    }

    @Override
    public void resize(int groupCount) {
        this.groupCount = Math.max(this.groupCount, groupCount);
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
                pairs.add(groupIds[i], Double.doubleToRawLongBits(batch[i]));
            }
        }
    }

    @Override
    public void merge(Accumulator other, int from, int to) {
        int[] map = new int[Math.max(from + 1, ((MedianAccumulator) other).groupCount)];
        java.util.Arrays.fill(map, -1);
        map[from] = to;
        pairs.addMapped(((MedianAccumulator) other).pairs, 0, map, false);
    }

    @Override
    public void bucket(int[] partitionOfGroup, int parts) {
        pairs.bucket(partitionOfGroup, parts);
    }

    @Override
    public void mergeGroups(Accumulator other, int[] groups, int from, int to, int[] map, int part) {
        pairs.addMapped(((MedianAccumulator) other).pairs, part, map, false);
    }

    @Override
    public FieldVector finish(int[] ids, int count, String name, BufferAllocator allocator) {
        int groups = groupCount;
        for (int j = 0; j < count; j++) {
            groups = Math.max(groups, ids[j] + 1);
        }
        GroupPairs.Grouped grouped = pairs.byGroup(groups);
        double[] sorted = new double[grouped.values().length];
        for (int k = 0; k < sorted.length; k++) {
            sorted[k] = Double.longBitsToDouble(grouped.values()[k]);
        }
        int[] starts = grouped.starts();
        FieldVector v = Vectors.allocate(DataType.FLOAT64, name, count, allocator);
        ArrowBuf data = v.getDataBuffer();
        for (int j = 0; j < count; j++) {
            int g = ids[j];
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
