package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code bin.reinterpret(dtype, endianness)}: a value of exactly the type's width in bytes read as an
 * integer or float in little- or big-endian order; a value of another length is null (Polars).
 */
public record BytesReinterpretExpr(PhysicalExpr input, DataType type, boolean littleEndian) implements PhysicalExpr {
    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        int width = type.byteWidth();
        try (FieldVector in = input.eval(batch, allocator)) {
            FieldVector out = Vectors.allocate(type, "", n, allocator);
            Bits.copyValidity(in, out, n);
            ArrowBuf offsets = ((BaseVariableWidthVector) in).getOffsetBuffer();
            ArrowBuf data = in.getDataBuffer();
            ArrowBuf o = out.getDataBuffer();
            for (int i = 0; i < n; i++) {
                int start = offsets.getInt((long) i << 2);
                if (offsets.getInt((long) (i + 1) << 2) - start != width) {
                    BitVectorHelper.unsetBit(out.getValidityBuffer(), i);
                    continue;
                }
                long bits = 0;
                for (int k = 0; k < width; k++) {
                    int b = data.getByte(start + (littleEndian ? width - 1 - k : k)) & 0xFF;
                    bits = bits << 8 | b;
                }
                switch (width) {
                    case 1 -> o.setByte(i, (byte) bits);
                    case 2 -> o.setShort((long) i << 1, (short) bits);
                    case 4 -> o.setInt((long) i << 2, (int) bits);
                    default -> o.setLong((long) i << 3, bits);
                }
            }
            out.setValueCount(n);
            return out;
        }
    }

    @Override
    public String toString() {
        return "bin.reinterpret(" + input + ", " + type + (littleEndian ? "" : ", big") + ")";
    }
}
