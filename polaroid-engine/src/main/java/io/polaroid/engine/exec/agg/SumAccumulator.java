package io.polaroid.engine.exec.agg;

import io.polaroid.engine.exec.hash.Lanes;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Int128;
import io.polaroid.engine.vector.Vectors;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * sum, skipping nulls (an all-null group sums to 0, as in Polars). Integers sum in a long,
 * floats in a double, decimals in 128 bits; mean is the same state divided by a count.
 */
final class SumAccumulator implements Accumulator {
    private final DataType inputType;
    private final boolean mean;
    private final Mode mode;
    private long[] longs = new long[0];
    private long[] highs = new long[0];
    private double[] doubles = new double[0];
    private long[] counts = new long[0];
    private long[] scratch = new long[0];
    private long[] scratchHigh = new long[0];
    private double[] scratchDouble = new double[0];

    private enum Mode { LONG, DOUBLE, DECIMAL }

    SumAccumulator(DataType inputType, boolean mean) {
        this.inputType = inputType;
        this.mean = mean;
        this.mode = inputType.kind() == TypeKind.DECIMAL ? Mode.DECIMAL
                : inputType.isFloat() ? Mode.DOUBLE : Mode.LONG;
    }

    @Override
    public void resize(int groups) {
        if (counts.length >= groups) {
            return;
        }
        int size = Math.max(groups, counts.length * 2);
        counts = Arrays.copyOf(counts, size);
        if (mode == Mode.DOUBLE) {
            doubles = Arrays.copyOf(doubles, size);
        } else {
            longs = Arrays.copyOf(longs, size);
            if (mode == Mode.DECIMAL) {
                highs = Arrays.copyOf(highs, size);
            }
        }
    }

    @Override
    public void update(int[] groupIds, int n, FieldVector input, long seq) {
        long[] valid = Lanes.validity(input, n);
        if (scratch.length < n) {
            scratch = new long[n];
            scratchHigh = new long[n];
            scratchDouble = new double[n];
        }
        switch (mode) {
            case LONG -> {
                Lanes.readLongs(input, inputType, scratch, n);
                for (int i = 0; i < n; i++) {
                    if (Lanes.isValid(valid, i)) {
                        int g = groupIds[i];
                        longs[g] += scratch[i];
                        counts[g]++;
                    }
                }
            }
            case DOUBLE -> {
                Lanes.readDoubles(input, inputType, scratchDouble, n);
                for (int i = 0; i < n; i++) {
                    if (Lanes.isValid(valid, i)) {
                        int g = groupIds[i];
                        doubles[g] += scratchDouble[i];
                        counts[g]++;
                    }
                }
            }
            case DECIMAL -> {
                Lanes.readDecimals(input, scratch, scratchHigh, n);
                for (int i = 0; i < n; i++) {
                    if (Lanes.isValid(valid, i)) {
                        int g = groupIds[i];
                        long lo = longs[g];
                        long add = scratch[i];
                        highs[g] = Int128.addHigh(lo, highs[g], add, scratchHigh[i]);
                        longs[g] = lo + add;
                        counts[g]++;
                    }
                }
            }
        }
    }

    @Override
    public void merge(Accumulator other, int from, int to) {
        SumAccumulator o = (SumAccumulator) other;
        counts[to] += o.counts[from];
        switch (mode) {
            case LONG -> longs[to] += o.longs[from];
            case DOUBLE -> doubles[to] += o.doubles[from];
            case DECIMAL -> {
                long lo = longs[to];
                highs[to] = Int128.addHigh(lo, highs[to], o.longs[from], o.highs[from]);
                longs[to] = lo + o.longs[from];
            }
        }
    }

    @Override
    public FieldVector finish(int[] ids, int count, String name, BufferAllocator allocator) {
        if (mean) {
            return finishMean(ids, count, name, allocator);
        }
        DataType out = switch (mode) {
            case LONG -> DataType.INT64;
            case DOUBLE -> DataType.FLOAT64;
            case DECIMAL -> DataType.decimal(DataType.MAX_DECIMAL_PRECISION, inputType.scale());
        };
        FieldVector v = Vectors.allocate(out, name, count, allocator);
        ArrowBuf data = v.getDataBuffer();
        for (int j = 0; j < count; j++) {
            int g = ids[j];
            switch (mode) {
                case LONG -> data.setLong((long) j << 3, longs[g]);
                case DOUBLE -> data.setDouble((long) j << 3, doubles[g]);
                case DECIMAL -> {
                    data.setLong((long) j << 4, longs[g]);
                    data.setLong(((long) j << 4) + 8, highs[g]);
                }
            }
        }
        Vectors.setAllValid(v.getValidityBuffer(), count);
        v.setValueCount(count);
        return v;
    }

    private FieldVector finishMean(int[] ids, int count, String name, BufferAllocator allocator) {
        FieldVector v = Vectors.allocate(DataType.FLOAT64, name, count, allocator);
        ArrowBuf data = v.getDataBuffer();
        double scale = mode == Mode.DECIMAL ? Math.pow(10, inputType.scale()) : 1;
        for (int j = 0; j < count; j++) {
            int g = ids[j];
            long c = counts[g];
            if (c == 0) {
                continue;
            }
            double sum = switch (mode) {
                case LONG -> longs[g];
                case DOUBLE -> doubles[g];
                case DECIMAL -> (Int128.fitsInLong(longs[g], highs[g]) ? (double) longs[g]
                        : Int128.toBigInteger(longs[g], highs[g]).doubleValue()) / scale;
            };
            data.setDouble((long) j << 3, sum / c);
            org.apache.arrow.vector.BitVectorHelper.setBit(v.getValidityBuffer(), j);
        }
        v.setValueCount(count);
        return v;
    }

    @Override
    public int bytesPerGroup() {
        return mode == Mode.DECIMAL ? 24 : 16;
    }
}
