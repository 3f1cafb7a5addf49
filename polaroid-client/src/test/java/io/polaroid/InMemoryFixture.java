package io.polaroid;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Values;
import io.polaroid.engine.vector.Vectors;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import io.polaroid.engine.types.ArrowTypes;

/** A small table built in memory, for plans that carry their rows. */
final class InMemoryFixture {
    private InMemoryFixture() {
    }

    static LazyFrame frame(Polaroid pl) {
        Schema schema = Schema.of(Field.of("id", DataType.INT64), Field.of("name", DataType.UTF8));
        try (BufferAllocator allocator = new RootAllocator()) {
            FieldVector ids = Vectors.allocate(DataType.INT64, "id", 3, allocator);
            FieldVector names = Vectors.allocate(DataType.UTF8, "name", 3, allocator);
            Object[][] rows = {{1L, "one"}, {2L, "two"}, {3L, null}};
            for (int i = 0; i < rows.length; i++) {
                Values.set(ids, i, rows[i][0], DataType.INT64);
                Values.set(names, i, rows[i][1], DataType.UTF8);
            }
            ids.setValueCount(3);
            names.setValueCount(3);
            try (VectorSchemaRoot root = new VectorSchemaRoot(ArrowTypes.toArrow(schema).getFields(), List.of(ids, names), 3)) {
                return pl.fromArrow(root).filter(Functions.col("id").gt(1));
            }
        }
    }
}
