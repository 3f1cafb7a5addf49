package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/** Boolean negation; null stays null. */
public record NotExpr(PhysicalExpr input) implements PhysicalExpr {
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
            ArrowBuf v = out.getValidityBuffer();
            for (int w = 0; w < Bits.words(n); w++) {
                long valid = a.validWord(w, n);
                o.setLong((long) w << 3, ~a.dataWord(w, n) & valid);
                v.setLong((long) w << 3, valid);
            }
            out.setValueCount(n);
            return out;
        }
    }

    @Override
    public String toString() {
        return "not(" + input + ")";
    }
}
