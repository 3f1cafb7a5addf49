package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/** {@code is_null} (or {@code is_not_null} when negated); never null itself. */
public record IsNullExpr(PhysicalExpr input, boolean negated) implements PhysicalExpr {
    @Override
    public DataType type() {
        return DataType.BOOL;
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        try (Operand a = Operand.of(input, batch, allocator)) {
            BitVector out = (BitVector) Vectors.allocate(DataType.BOOL, "", n, allocator);
            ArrowBuf o = out.getDataBuffer();
            for (int w = 0; w < Bits.words(n); w++) {
                long valid = a.validWord(w, n);
                int remaining = n - (w << 6);
                long rows = remaining >= 64 ? -1L : (1L << remaining) - 1;
                o.setLong((long) w << 3, negated ? valid : ~valid & rows);
            }
            Vectors.setAllValid(out.getValidityBuffer(), n);
            out.setValueCount(n);
            return out;
        }
    }

    @Override
    public String toString() {
        return (negated ? "is_not_null(" : "is_null(") + input + ")";
    }
}
