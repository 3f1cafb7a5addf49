package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** Column {@code index} of the input batch, shared without copying. */
public record ColumnExpr(int index, String name, DataType type) implements PhysicalExpr {
    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        return Vectors.share(batch.column(index));
    }

    @Override
    public String toString() {
        return name + "#" + index;
    }
}
