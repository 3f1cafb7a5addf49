package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * {@code struct.with_fields}: a struct of {@code type} whose field {@code f} is the struct's own
 * child {@code sources[f]} when that is {@code >= 0}, else the value {@code -1 - sources[f]}; null
 * where the input struct is, as Polars keeps a null struct null. Kept children are shared, not copied.
 */
public record StructWithFieldsExpr(PhysicalExpr struct, List<PhysicalExpr> values, int[] sources, DataType type)
        implements PhysicalExpr {
    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        List<FieldVector> children = new ArrayList<>();
        try (FieldVector in = struct.eval(batch, allocator)) {
            StructVector s = (StructVector) in;
            for (int source : sources) {
                children.add(source >= 0 ? Vectors.share((FieldVector) s.getChildByOrdinal(source))
                        : values.get(-1 - source).eval(batch, allocator));
            }
            return StructExpr.assemble(type, children, s, batch.rowCount(), allocator);
        } finally {
            children.forEach(FieldVector::close);
        }
    }
}
