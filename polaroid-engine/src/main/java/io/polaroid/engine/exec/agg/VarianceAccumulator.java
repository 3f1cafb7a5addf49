package io.polaroid.engine.exec.agg;

import io.polaroid.engine.exec.hash.Lanes;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Vectors;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Sample variance or standard deviation (ddof = 1, as Polars), by Welford's update per row and
 * Chan's formula to merge partial states. Fewer than two values give null.
 */
final class VarianceAccumulator implements Accumulator {
    private final DataType inputType;
    private final boolean std;
    /** Float64, or Float32 of Float32 (as Polars). */
    private final DataType resultType;
    private long[] counts = new long[0];
    private double[] means = new double[0];
    private double[] m2s = new double[0];
    private double[] batch = new double[0];

    VarianceAccumulator(DataType inputType, boolean std, DataType resultType) {
        this.resultType = resultType;
        this.inputType = inputType;
        this.std = std;
    }

    @Override
    public void resize(int groups) {
        if (counts.length < groups) {
            int size = Math.max(groups, counts.length * 2);
            counts = Arrays.copyOf(counts, size);
            means = Arrays.copyOf(means, size);
            m2s = Arrays.copyOf(m2s, size);
        }
    }

    @Override
    public void update(int[] groupIds, int n, FieldVector input, long seq) {
        if (batch.length < n) {
            batch = new double[n];
        }
        Lanes.readDoubles(input, inputType, batch, n);
        long[] valid = Lanes.validity(input, n);
        for (int i = 0; i < n; i++) {
            if (!Lanes.isValid(valid, i)) {
                continue;
            }
            int g = groupIds[i];
            double x = batch[i];
            long c = ++counts[g];
            double delta = x - means[g];
            means[g] += delta / c;
            m2s[g] += delta * (x - means[g]);
        }
    }

    @Override
    public void merge(Accumulator other, int from, int to) {
        VarianceAccumulator o = (VarianceAccumulator) other;
        long nb = o.counts[from];
        if (nb == 0) {
            return;
        }
        long na = counts[to];
        long total = na + nb;
        double delta = o.means[from] - means[to];
        means[to] += delta * nb / total;
        m2s[to] += o.m2s[from] + delta * delta * ((double) na * nb / total);
        counts[to] = total;
    }

    @Override
    public FieldVector finish(int[] ids, int count, String name, BufferAllocator allocator) {
        FieldVector v = Vectors.allocate(resultType, name, count, allocator);
        ArrowBuf data = v.getDataBuffer();
        for (int j = 0; j < count; j++) {
            int g = ids[j];
            if (counts[g] < 2) {
                continue;
            }
            double var = m2s[g] / (counts[g] - 1);
            Vectors.setFloat(v, j, std ? Math.sqrt(var) : var);
            BitVectorHelper.setBit(v.getValidityBuffer(), j);
        }
        v.setValueCount(count);
        return v;
    }

    @Override
    public int bytesPerGroup() {
        return 24;
    }
}
