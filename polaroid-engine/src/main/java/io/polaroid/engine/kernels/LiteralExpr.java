package io.polaroid.engine.kernels;

import io.polaroid.engine.expr.ExprPrinter;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** A constant, broadcast to the batch length when evaluated on its own. */
public record LiteralExpr(Object value, DataType type) implements PhysicalExpr {
    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        return Vectors.constant(type, value, batch.rowCount(), "literal", allocator);
    }

    /** The value as a one-row vector, for kernels that read it as a scalar operand. */
    public FieldVector single(BufferAllocator allocator) {
        return Vectors.constant(type, value, 1, "literal", allocator);
    }

    @Override
    public String toString() {
        return ExprPrinter.literal(value, type);
    }
}
