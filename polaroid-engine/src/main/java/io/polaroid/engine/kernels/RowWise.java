package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** The frame of a kernel of one argument: evaluate it, fill a new vector row by row, keep its nulls. */
final class RowWise {
    /** Writes the values of {@code out} from those of {@code in}; validity is copied afterwards. */
    interface Fill {
        void fill(FieldVector in, FieldVector out, int rows);
    }

    private RowWise() {
    }

    static FieldVector apply(PhysicalExpr input, DataType outType, Batch batch, BufferAllocator allocator, Fill fill) {
        int n = batch.rowCount();
        try (FieldVector in = input.eval(batch, allocator)) {
            FieldVector out = Vectors.allocate(outType, "", n, allocator);
            try {
                fill.fill(in, out, n);
                Bits.copyValidity(in, out, n);
                out.setValueCount(n);
                return out;
            } catch (RuntimeException | Error e) {
                out.close();
                throw e;
            }
        }
    }
}
