package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/** Number of characters (not bytes) of each string, as INT64 (Polars' UInt32; Polaroid has no unsigned integers). */
public record StringLengthExpr(PhysicalExpr input) implements PhysicalExpr {
    @Override
    public DataType type() {
        return DataType.INT64;
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        try (FieldVector in = input.eval(batch, allocator)) {
            FieldVector out = Vectors.allocate(DataType.INT64, "", n, allocator);
            ArrowBuf offsets = ((BaseVariableWidthVector) in).getOffsetBuffer();
            ArrowBuf data = in.getDataBuffer();
            ArrowBuf o = out.getDataBuffer();
            for (int i = 0; i < n; i++) {
                int start = offsets.getInt((long) i << 2);
                int len = offsets.getInt((long) (i + 1) << 2) - start;
                o.setLong((long) i << 3, StringKernels.charCount(data, start, len));
            }
            Bits.copyValidity(in, out, n);
            out.setValueCount(n);
            return out;
        }
    }

    @Override
    public String toString() {
        return "str.len_chars(" + input + ")";
    }
}
