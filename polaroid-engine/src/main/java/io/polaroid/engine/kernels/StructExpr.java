package io.polaroid.engine.kernels;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Values;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * The struct functions: {@code struct} (a struct of its inputs' vectors, never null), {@code
 * struct.field} (field {@code index}, null where the struct is), {@code struct.rename_fields}
 * (the same children under the names of {@code type}) and {@code struct.json_encode}. Children
 * move into and out of structs by Arrow transfer, without copying values.
 */
public record StructExpr(ScalarFn fn, List<PhysicalExpr> inputs, int index, DataType type) implements PhysicalExpr {
    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        if (fn == ScalarFn.STRUCT) {
            List<FieldVector> children = new ArrayList<>();
            try {
                for (PhysicalExpr e : inputs) {
                    children.add(e.eval(batch, allocator));
                }
                return assemble(type, children, null, n, allocator);
            } finally {
                children.forEach(FieldVector::close);
            }
        }
        try (FieldVector in = inputs.get(0).eval(batch, allocator)) {
            StructVector s = (StructVector) in;
            return switch (fn) {
                case STRUCT_FIELD -> field(s, n, allocator);
                case STRUCT_RENAME_FIELDS -> {
                    List<FieldVector> children = new ArrayList<>();
                    try {
                        for (int f = 0; f < type.fields().size(); f++) {
                            children.add(Vectors.share((FieldVector) s.getChildByOrdinal(f)));
                        }
                        yield assemble(type, children, s, n, allocator);
                    } finally {
                        children.forEach(FieldVector::close);
                    }
                }
                case STRUCT_JSON_ENCODE -> json(s, n, allocator);
                default -> throw PolaroidException.internal("not a struct function: " + fn);
            };
        }
    }

    /**
     * A struct vector of {@code type} over {@code children} (moved in; the caller still closes
     * them), valid where {@code validity} is (every row when null).
     */
    static FieldVector assemble(DataType type, List<FieldVector> children, StructVector validity, int n,
                                BufferAllocator allocator) {
        StructVector out = (StructVector) ArrowTypes.newVector("", type, allocator);
        try {
            out.allocateNew();
            for (int f = 0; f < children.size(); f++) {
                children.get(f).makeTransferPair(out.getChildByOrdinal(f)).transfer();
            }
            for (int i = 0; i < n; i++) {
                if (validity == null || !validity.isNull(i)) {
                    out.setIndexDefined(i);
                } else {
                    out.setNull(i);
                }
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }

    private FieldVector field(StructVector s, int n, BufferAllocator allocator) {
        FieldVector child = (FieldVector) s.getChildByOrdinal(index);
        if (s.getNullCount() == 0) {
            return Vectors.share(child);
        }
        // a null struct's field is null, whatever its child holds at that row
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = s.isNull(i) ? -1 : i;
        }
        return Vectors.take(child, rows, n, allocator);
    }

    private FieldVector json(StructVector s, int n, BufferAllocator allocator) {
        DataType structType = inputs.get(0).type();
        FieldVector out = Vectors.allocate(DataType.UTF8, "", n, allocator);
        try {
            for (int i = 0; i < n; i++) {
                Object value = Values.get(s, i, structType);
                // as Polars: a null struct is the JSON text null
                Values.set(out, i, JsonText.of(value, structType), DataType.UTF8);
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }
}
