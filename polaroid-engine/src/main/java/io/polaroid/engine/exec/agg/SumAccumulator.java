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
    /** Int64, or Int32 of Int32 (wrapping, as Polars); Float64, or Float32 of Float32; decimal(38, s); a duration. */
    private final DataType resultType;
    private final boolean mean;
    private final Mode mode;
    /** Only mean needs the count of values; sum adds 0, so the update loop stays one shape. */
    private final int countStep;
    private long[] longs = new long[0];
    private long[] highs = new long[0];
    private long[] spillLow = new long[0];
    private double[] doubles = new double[0];
    private long[] counts = new long[0];
    private long[] scratch = new long[0];
    private long[] scratchHigh = new long[0];
    private double[] scratchDouble = new double[0];

    private enum Mode { LONG, DOUBLE, DECIMAL }

    SumAccumulator(DataType inputType, boolean mean, DataType resultType) {
        this.inputType = inputType;
        this.resultType = resultType;
        this.mean = mean;
        this.countStep = mean ? 1 : 0;
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
                spillLow = Arrays.copyOf(spillLow, size);
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
                        counts[g] += countStep;
                    }
                }
            }
            case DOUBLE -> {
                Lanes.readDoubles(input, inputType, scratchDouble, n);
                for (int i = 0; i < n; i++) {
                    if (Lanes.isValid(valid, i)) {
                        int g = groupIds[i];
                        doubles[g] += scratchDouble[i];
                        counts[g] += countStep;
                    }
                }
            }
            case DECIMAL -> {
                if (inputType.isLongDecimal()) {
                    updateLongDecimal(groupIds, n, input, valid);
                } else {
                    updateWideDecimal(groupIds, n, input, valid);
                }
            }
        }
    }

    /**
     * Decimals whose values fit in a long: summed in {@code longs} straight from the Arrow buffer;
     * a sum about to overflow is moved into the 128-bit spill ({@code spillLow}/{@code highs}) first.
     */
    private void updateLongDecimal(int[] groupIds, int n, FieldVector input, long[] valid) {
        org.apache.arrow.memory.ArrowBuf x = input.getDataBuffer();
        if (valid == null && !mean) {
            // the common case: no nulls, no count to keep
            for (int i = 0; i < n; i++) {
                int g = groupIds[i];
                long v = x.getLong((long) i << 4);
                long sum = longs[g];
                long r = sum + v;
                if (((sum ^ r) & (v ^ r)) < 0) {
                    spill(g, sum);
                    r = v;
                }
                longs[g] = r;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            if (valid != null && !Lanes.isValid(valid, i)) {
                continue;
            }
            int g = groupIds[i];
            long v = x.getLong((long) i << 4);
            long sum = longs[g];
            long r = sum + v;
            if (((sum ^ r) & (v ^ r)) < 0) {
                spill(g, sum);
                r = v;
            }
            longs[g] = r;
            counts[g] += countStep;
        }
    }

    private void updateWideDecimal(int[] groupIds, int n, FieldVector input, long[] valid) {
        Lanes.readDecimals(input, scratch, scratchHigh, n);
        for (int i = 0; i < n; i++) {
            if (Lanes.isValid(valid, i)) {
                int g = groupIds[i];
                addToSpill(g, scratch[i], scratchHigh[i]);
                counts[g]++;
            }
        }
    }

    private void spill(int g, long value) {
        addToSpill(g, value, value >> 63);
    }

    private void addToSpill(int g, long low, long high) {
        long lo = spillLow[g];
        highs[g] = Int128.addHigh(lo, highs[g], low, high);
        spillLow[g] = lo + low;
    }

    /** The 128-bit total of group g: the spill plus the long sum. */
    private long totalLow(int g) {
        return spillLow[g] + longs[g];
    }

    private long totalHigh(int g) {
        return Int128.addHigh(spillLow[g], highs[g], longs[g], longs[g] >> 63);
    }

    @Override
    public void merge(Accumulator other, int from, int to) {
        SumAccumulator o = (SumAccumulator) other;
        counts[to] += o.counts[from];
        switch (mode) {
            case LONG -> longs[to] += o.longs[from];
            case DOUBLE -> doubles[to] += o.doubles[from];
            case DECIMAL -> {
                addToSpill(to, o.totalLow(from), o.totalHigh(from));
            }
        }
    }

    @Override
    public FieldVector finish(int[] ids, int count, String name, BufferAllocator allocator) {
        return mean ? finishMean(ids, count, name, allocator) : finishSum(ids, count, name, allocator, resultType);
    }

    /**
     * The sum of the same input as a view of this mean's state, with the sum's result type: the
     * pair keeps one state and updates it once per row.
     */
    Accumulator sumView(DataType sumType) {
        if (!mean) {
            throw new IllegalStateException("only a mean keeps a sum another aggregate can read");
        }
        return new SharedSumAccumulator((ids, count, name, allocator) -> finishSum(ids, count, name, allocator, sumType));
    }

    private FieldVector finishSum(int[] ids, int count, String name, BufferAllocator allocator, DataType resultType) {
        FieldVector v = Vectors.allocate(resultType, name, count, allocator);
        ArrowBuf data = v.getDataBuffer();
        for (int j = 0; j < count; j++) {
            int g = ids[j];
            switch (mode) {
                case LONG -> {
                    if (resultType.kind() == TypeKind.INT32) {
                        data.setInt((long) j << 2, (int) longs[g]);
                    } else {
                        data.setLong((long) j << 3, longs[g]);
                    }
                }
                case DOUBLE -> Vectors.setFloat(v, j, doubles[g]);
                case DECIMAL -> {
                    data.setLong((long) j << 4, totalLow(g));
                    data.setLong(((long) j << 4) + 8, totalHigh(g));
                }
            }
        }
        Vectors.setAllValid(v.getValidityBuffer(), count);
        v.setValueCount(count);
        return v;
    }

    /** The mean as a float; of durations, a duration truncated to its unit (as Polars). */
    private FieldVector finishMean(int[] ids, int count, String name, BufferAllocator allocator) {
        boolean duration = inputType.isDuration();
        FieldVector v = Vectors.allocate(resultType, name, count, allocator);
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
                case DECIMAL -> (Int128.fitsInLong(totalLow(g), totalHigh(g)) ? (double) totalLow(g)
                        : Int128.toBigInteger(totalLow(g), totalHigh(g)).doubleValue()) / scale;
            };
            if (duration) {
                data.setLong((long) j << 3, (long) (sum / c));
            } else {
                Vectors.setFloat(v, j, sum / c);
            }
            org.apache.arrow.vector.BitVectorHelper.setBit(v.getValidityBuffer(), j);
        }
        v.setValueCount(count);
        return v;
    }

    @Override
    public int bytesPerGroup() {
        return mode == Mode.DECIMAL ? 32 : 16;
    }
}
