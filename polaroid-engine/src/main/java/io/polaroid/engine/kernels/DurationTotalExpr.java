package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Durations;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A duration as a count of a larger or smaller unit ({@code nanosPerUnit} nanoseconds each): whole
 * units truncated toward zero (i64), or, {@code fractional}, a float (Polars' {@code dt.total_*}).
 */
public record DurationTotalExpr(PhysicalExpr input, long nanosPerUnit, boolean fractional) implements PhysicalExpr {
    @Override
    public DataType type() {
        return fractional ? DataType.FLOAT64 : DataType.INT64;
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        long from = Durations.nanosPer(input.type().unit());
        try (FieldVector in = input.eval(batch, allocator)) {
            FieldVector out = Vectors.allocate(type(), "", n, allocator);
            ArrowBuf x = in.getDataBuffer();
            ArrowBuf o = out.getDataBuffer();
            boolean finer = from >= nanosPerUnit;
            long factor = finer ? from / nanosPerUnit : nanosPerUnit / from;
            for (int i = 0; i < n; i++) {
                long v = x.getLong((long) i << 3);
                if (fractional) {
                    o.setDouble((long) i << 3, finer ? v * (double) factor : v / (double) factor);
                } else {
                    o.setLong((long) i << 3, finer ? v * factor : v / factor);
                }
            }
            Bits.copyValidity(in, out, n);
            out.setValueCount(n);
            return out;
        }
    }

    @Override
    public String toString() {
        return "dt.total(" + input + ", " + nanosPerUnit + "ns" + (fractional ? ", fractional" : "") + ")";
    }
}
