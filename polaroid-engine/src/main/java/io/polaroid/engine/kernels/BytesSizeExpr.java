package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code bin.size(unit)}: the number of bytes of each value as i64 (Polars' u32), or, with a
 * {@code divisor} other than 1 (1024 per step of kb, mb, gb, tb), as f64.
 */
public record BytesSizeExpr(PhysicalExpr input, long divisor) implements PhysicalExpr {
    @Override
    public DataType type() {
        return divisor == 1 ? DataType.INT64 : DataType.FLOAT64;
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        try (FieldVector in = input.eval(batch, allocator)) {
            FieldVector out = Vectors.allocate(type(), "", n, allocator);
            ArrowBuf offsets = ((BaseVariableWidthVector) in).getOffsetBuffer();
            ArrowBuf o = out.getDataBuffer();
            for (int i = 0; i < n; i++) {
                int len = offsets.getInt((long) (i + 1) << 2) - offsets.getInt((long) i << 2);
                if (divisor == 1) {
                    o.setLong((long) i << 3, len);
                } else {
                    o.setDouble((long) i << 3, len / (double) divisor);
                }
            }
            Bits.copyValidity(in, out, n);
            out.setValueCount(n);
            return out;
        }
    }

    @Override
    public String toString() {
        return "bin.size(" + input + (divisor == 1 ? "" : ", /" + divisor) + ")";
    }
}
