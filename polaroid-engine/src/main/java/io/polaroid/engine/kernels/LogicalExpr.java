package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * AND / OR with three-valued (Kleene) logic, 64 rows per step: {@code false AND null} is false,
 * {@code true OR null} is true, otherwise null propagates.
 */
public record LogicalExpr(boolean isAnd, PhysicalExpr left, PhysicalExpr right) implements PhysicalExpr {
    @Override
    public DataType type() {
        return DataType.BOOL;
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        try (Operand a = Operand.of(left, batch, allocator); Operand b = Operand.of(right, batch, allocator)) {
            BitVector out = (BitVector) Vectors.allocate(DataType.BOOL, "", n, allocator);
            ArrowBuf o = out.getDataBuffer();
            ArrowBuf v = out.getValidityBuffer();
            for (int w = 0; w < Bits.words(n); w++) {
                long av = a.validWord(w, n);
                long bv = b.validWord(w, n);
                long at = a.dataWord(w, n) & av;
                long bt = b.dataWord(w, n) & bv;
                long af = av & ~at;
                long bf = bv & ~bt;
                long value;
                long valid;
                if (isAnd) {
                    value = at & bt;
                    valid = (av & bv) | af | bf;
                } else {
                    value = at | bt;
                    valid = (av & bv) | at | bt;
                }
                o.setLong((long) w << 3, value & valid);
                v.setLong((long) w << 3, valid);
            }
            out.setValueCount(n);
            return out;
        }
    }

    @Override
    public String toString() {
        return "(" + left + (isAnd ? " and " : " or ") + right + ")";
    }
}
