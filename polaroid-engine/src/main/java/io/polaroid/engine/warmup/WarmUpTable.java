package io.polaroid.engine.warmup;

import io.polaroid.engine.vector.IpcStreamBytes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A made-up table shaped like TPC-H's line items (keys, a low-cardinality string, money, dates,
 * floats), as an Arrow IPC stream: what the warm-up reads.
 */
final class WarmUpTable {
    private static final String[] FLAGS = {"A", "F", "N", "R"};

    private WarmUpTable() {
    }

    static byte[] ipc(int rows, BufferAllocator allocator) {
        BigIntVector id = new BigIntVector("id", allocator);
        BigIntVector key = new BigIntVector("k", allocator);
        VarCharVector flag = new VarCharVector("flag", allocator);
        DecimalVector price = new DecimalVector("price", allocator, 12, 2);
        DateDayVector day = new DateDayVector("day", allocator);
        Float8Vector discount = new Float8Vector("discount", allocator);
        List<FieldVector> columns = List.of(id, key, flag, price, day, discount);
        columns.forEach(v -> v.setInitialCapacity(rows));
        columns.forEach(FieldVector::allocateNew);
        for (int i = 0; i < rows; i++) {
            id.set(i, i);
            key.set(i, i % 997);
            flag.setSafe(i, FLAGS[i % FLAGS.length].getBytes(StandardCharsets.UTF_8));
            price.setSafe(i, BigDecimal.valueOf(100_000L + i * 37L % 9_000_000L, 2));
            day.set(i, 8_000 + i % 2_500);
            discount.set(i, (i % 11) / 100.0);
        }
        try (VectorSchemaRoot root = new VectorSchemaRoot(columns)) {
            root.setRowCount(rows);
            return IpcStreamBytes.of(root);
        }
    }
}
