package io.polaroid.engine.kernels;

import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

/**
 * An evaluated argument of a kernel: a full vector, or a literal held as a one-row vector.
 * Kernels read row {@code i & mask}: the mask is -1 for a vector and 0 for a scalar, so one loop
 * serves vector-vector, vector-scalar and scalar-vector without a branch per value.
 */
public final class Operand implements AutoCloseable {
    public final FieldVector vector;
    public final int mask;
    private final boolean noNulls;
    private final boolean scalarNull;

    private Operand(FieldVector vector, boolean scalar) {
        this.vector = vector;
        this.mask = scalar ? 0 : -1;
        boolean isNullVector = vector instanceof NullVector;
        this.noNulls = !isNullVector && vector.getNullCount() == 0;
        this.scalarNull = scalar && (isNullVector || vector.isNull(0));
    }

    public static Operand of(PhysicalExpr expr, Batch batch, BufferAllocator allocator) {
        if (expr instanceof LiteralExpr lit) {
            return new Operand(lit.single(allocator), true);
        }
        return new Operand(expr.eval(batch, allocator), false);
    }

    public boolean isScalar() {
        return mask == 0;
    }

    public boolean noNulls() {
        return noNulls;
    }

    /** A scalar that is null: every result row is null. */
    public boolean isNullScalar() {
        return scalarNull;
    }

    public ArrowBuf data() {
        return vector.getDataBuffer();
    }

    /** Validity word {@code w} as if this operand had {@code n} rows. */
    public long validWord(int w, int n) {
        if (mask == 0) {
            if (scalarNull) {
                return 0;
            }
            int remaining = n - (w << 6);
            return remaining >= 64 ? -1L : (1L << remaining) - 1;
        }
        return Bits.validWord(vector, noNulls, w, n);
    }

    /** Boolean value word {@code w} (only for BOOL operands; not masked by validity). */
    public long dataWord(int w, int n) {
        if (mask == 0) {
            if (scalarNull || vector.getDataBuffer().getByte(0) == 0 || (vector.getDataBuffer().getByte(0) & 1) == 0) {
                return 0;
            }
            int remaining = n - (w << 6);
            return remaining >= 64 ? -1L : (1L << remaining) - 1;
        }
        return Bits.word(vector.getDataBuffer(), w, n);
    }

    @Override
    public void close() {
        vector.close();
    }
}
