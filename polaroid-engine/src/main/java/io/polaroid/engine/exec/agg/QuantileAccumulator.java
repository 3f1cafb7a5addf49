package io.polaroid.engine.exec.agg;

import io.polaroid.engine.exec.hash.Lanes;
import io.polaroid.engine.memory.HeapMemory;
import io.polaroid.engine.expr.Quantile;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Vectors;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * median and quantile: keeps every non-null value with its group, then sorts each group's values
 * once at the end and takes the {@link Quantile} (the median averages the two middle values of an
 * even count, as Polars).
 */
final class QuantileAccumulator implements Accumulator {
    private final DataType inputType;
    private final Quantile quantile;
    private final DataType resultType;
    private final GroupPairs pairs;
    private double[] batch = new double[0];
    private int groupCount;

    QuantileAccumulator(DataType inputType, Quantile quantile, DataType resultType, HeapMemory memory) {
        this.inputType = inputType;
        this.quantile = quantile;
        this.resultType = resultType;
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
        int[] map = new int[Math.max(from + 1, ((QuantileAccumulator) other).groupCount)];
        java.util.Arrays.fill(map, -1);
        map[from] = to;
        pairs.addMapped(((QuantileAccumulator) other).pairs, 0, map, false);
    }

    @Override
    public void bucket(int[] partitionOfGroup, int parts) {
        pairs.bucket(partitionOfGroup, parts);
    }

    @Override
    public void mergeGroups(Accumulator other, int[] groups, int from, int to, int[] map, int part) {
        pairs.addMapped(((QuantileAccumulator) other).pairs, part, map, false);
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
        FieldVector v = Vectors.allocate(resultType, name, count, allocator);
        ArrowBuf data = v.getDataBuffer();
        for (int j = 0; j < count; j++) {
            int g = ids[j];
            int a = starts[g];
            int b = starts[g + 1];
            if (a == b) {
                continue;
            }
            Arrays.sort(sorted, a, b);
            double value = quantile.of(sorted, a, b);
            if (resultType.kind() == TypeKind.FLOAT32) {
                data.setFloat((long) j << 2, (float) value);
            } else {
                data.setDouble((long) j << 3, value);
            }
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
