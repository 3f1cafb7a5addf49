package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A compiled expression: evaluates over a whole batch and returns a new vector of
 * {@code batch.rowCount()} values that the caller owns. Immutable and thread-safe.
 */
public interface PhysicalExpr {
    DataType type();

    FieldVector eval(Batch batch, BufferAllocator allocator);
}
