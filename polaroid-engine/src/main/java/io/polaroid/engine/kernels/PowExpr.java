package io.polaroid.engine.kernels;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code base ** exponent}: f64 ** f64 by {@link Math#pow}, or, when the type is i64, i64 ** i64 by
 * squaring, wrapping on overflow as Polars does; a negative integer exponent is an error, as there.
 */
public record PowExpr(PhysicalExpr base, PhysicalExpr exponent, DataType type) implements PhysicalExpr {
    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        boolean integers = type.kind() == TypeKind.INT64;
        try (FieldVector b = base.eval(batch, allocator); FieldVector e = exponent.eval(batch, allocator)) {
            FieldVector out = Vectors.allocate(type, "", n, allocator);
            try {
                ArrowBuf x = b.getDataBuffer();
                ArrowBuf y = e.getDataBuffer();
                ArrowBuf o = out.getDataBuffer();
                for (int i = 0; i < n; i++) {
                    long at = (long) i << 3;
                    if (integers) {
                        if (!e.isNull(i) && !b.isNull(i)) {
                            o.setLong(at, power(x.getLong(at), y.getLong(at)));
                        }
                    } else {
                        o.setDouble(at, Math.pow(x.getDouble(at), y.getDouble(at)));
                    }
                }
                Bits.andValidity(b, e, out, n);
                out.setValueCount(n);
                return out;
            } catch (RuntimeException | Error ex) {
                out.close();
                throw ex;
            }
        }
    }

    private static long power(long base, long exponent) {
        if (exponent < 0) {
            throw new PolaroidException(ErrorCode.INVALID_VALUE, "an integer to the negative power " + exponent
                    + ": cast the base or the exponent to a float first");
        }
        long result = 1;
        while (exponent > 0) {
            if ((exponent & 1) == 1) {
                result *= base;
            }
            base *= base;
            exponent >>= 1;
        }
        return result;
    }

    @Override
    public String toString() {
        return base + " ** " + exponent;
    }
}
