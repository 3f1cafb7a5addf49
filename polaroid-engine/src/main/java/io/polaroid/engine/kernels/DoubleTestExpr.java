package io.polaroid.engine.kernels;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import java.util.function.DoublePredicate;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/** is_nan, is_finite, is_infinite of an f64, row by row; a null stays null. */
public record DoubleTestExpr(ScalarFn fn, PhysicalExpr input) implements PhysicalExpr {
    @Override
    public DataType type() {
        return DataType.BOOL;
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        DoublePredicate test = switch (fn) {
            case IS_NAN -> Double::isNaN;
            case IS_FINITE -> Double::isFinite;
            case IS_INFINITE -> Double::isInfinite;
            default -> throw PolaroidException.internal(fn + " is not a test of a double");
        };
        return RowWise.apply(input, DataType.BOOL, batch, allocator, (in, out, n) -> {
            ArrowBuf x = in.getDataBuffer();
            ArrowBuf o = out.getDataBuffer();
            for (int i = 0; i < n; i++) {
                if (test.test(x.getDouble((long) i << 3))) {
                    BitVectorHelper.setBit(o, i);
                }
            }
        });
    }

    @Override
    public String toString() {
        return fn.symbol() + "(" + input + ")";
    }
}
