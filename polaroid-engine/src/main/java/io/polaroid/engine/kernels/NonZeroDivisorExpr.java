package io.polaroid.engine.kernels;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A decimal divisor, passed through unchanged, that fails the query where a value is zero: Polars
 * refuses to divide a decimal by zero ("division by zero Decimal") where a float gives ±inf or NaN.
 */
public record NonZeroDivisorExpr(PhysicalExpr input) implements PhysicalExpr {

    @Override
    public DataType type() {
        return input.type();
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        FieldVector v = input.eval(batch, allocator);
        ArrowBuf data = v.getDataBuffer();
        for (int i = 0; i < batch.rowCount(); i++) {
            if (!v.isNull(i) && data.getLong((long) i << 4) == 0 && data.getLong(((long) i << 4) + 8) == 0) {
                v.close();
                throw new PolaroidException(ErrorCode.INVALID_VALUE, "division by zero Decimal: " + input);
            }
        }
        return v;
    }
}
