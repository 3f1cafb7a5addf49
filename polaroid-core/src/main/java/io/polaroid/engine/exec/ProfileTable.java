package io.polaroid.engine.exec;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * A profile as a table, one row per operator, root first, as Polars' {@code profile()} gives its
 * timings: {@code node} (the operator, indented two spaces per level below the root), {@code start}
 * and {@code end} (microseconds from the start of the run), then {@code rows}, {@code batches},
 * {@code time} (microseconds inside the operator and those below it, summed over its partitions)
 * and {@code spilled_bytes}.
 */
public final class ProfileTable {
    public static final Schema SCHEMA = Schema.of(Field.of("node", DataType.UTF8), Field.of("start", DataType.INT64),
            Field.of("end", DataType.INT64), Field.of("rows", DataType.INT64), Field.of("batches", DataType.INT64),
            Field.of("time", DataType.INT64), Field.of("spilled_bytes", DataType.INT64));

    private ProfileTable() {
    }

    public static Batch of(List<OperatorTiming> entries, BufferAllocator allocator) {
        int n = entries.size();
        List<FieldVector> columns = new ArrayList<>();
        try {
            VarCharVector node = new VarCharVector("node", allocator);
            columns.add(node);
            node.allocateNew(n);
            for (int i = 0; i < n; i++) {
                OperatorTiming e = entries.get(i);
                node.setSafe(i, ("  ".repeat(e.depth()) + e.node()).getBytes(StandardCharsets.UTF_8));
            }
            node.setValueCount(n);
            columns.add(longs("start", entries, OperatorTiming::startMicros, allocator));
            columns.add(longs("end", entries, OperatorTiming::endMicros, allocator));
            columns.add(longs("rows", entries, OperatorTiming::rows, allocator));
            columns.add(longs("batches", entries, OperatorTiming::batches, allocator));
            columns.add(longs("time", entries, OperatorTiming::timeMicros, allocator));
            columns.add(longs("spilled_bytes", entries, OperatorTiming::spilledBytes, allocator));
            return Batch.of(SCHEMA, columns, n, 0);
        } catch (RuntimeException e) {
            columns.forEach(FieldVector::close);
            throw e;
        }
    }

    private static FieldVector longs(String name, List<OperatorTiming> entries, ToLongFunction<OperatorTiming> value,
                                     BufferAllocator allocator) {
        BigIntVector v = new BigIntVector(name, allocator);
        v.allocateNew(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            v.set(i, value.applyAsLong(entries.get(i)));
        }
        v.setValueCount(entries.size());
        return v;
    }
}
