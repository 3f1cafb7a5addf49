package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Values;
import io.polaroid.engine.vector.Vectors;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A value per row computed from the input's value in the engine representation ({@link Values}):
 * null stays null; {@code op} may return null. For functions that work value by value in Java
 * (Unicode case and normal forms, many-pattern replacement, parsing with a format, time zones).
 */
public record RowMapExpr(String label, PhysicalExpr input, DataType type, Function<Object, Object> op)
        implements PhysicalExpr {
    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        DataType inType = input.type();
        try (FieldVector in = input.eval(batch, allocator)) {
            FieldVector out = Vectors.allocate(type, "", n, allocator);
            try {
                for (int i = 0; i < n; i++) {
                    Object v = Values.get(in, i, inType);
                    Values.set(out, i, v == null ? null : op.apply(v), type);
                }
                out.setValueCount(n);
                return out;
            } catch (RuntimeException | Error e) {
                out.close();
                throw e;
            }
        }
    }

    @Override
    public String toString() {
        return label + "(" + input + ")";
    }
}
