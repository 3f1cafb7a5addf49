package io.polaroid.engine.sql;

import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.vector.IpcStreamBytes;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** The relation of a SELECT without FROM: one row (of one column no one reads). */
final class OneRow {
    private static final byte[] IPC = build();

    private OneRow() {
    }

    static PlanNode plan() {
        return new PlanNode.InMemory(IPC);
    }

    private static byte[] build() {
        try (BufferAllocator allocator = new RootAllocator(1 << 20);
             BitVector v = new BitVector("__one_row", allocator)) {
            v.allocateNew(1);
            v.set(0, 1);
            v.setValueCount(1);
            try (VectorSchemaRoot root = new VectorSchemaRoot(List.of(v.getField()), List.of(v), 1)) {
                return IpcStreamBytes.of(root);
            }
        }
    }
}
