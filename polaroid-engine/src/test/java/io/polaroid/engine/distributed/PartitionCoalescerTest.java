package io.polaroid.engine.distributed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.Test;

class PartitionCoalescerTest {
    private static final Schema SCHEMA = Schema.of(Field.of("v", DataType.INT64));
    private static final int TARGET = 100;

    /** A batch of the values {@code from .. from + rows - 1}. */
    private static Batch batch(BufferAllocator allocator, long from, int rows) {
        BigIntVector v = (BigIntVector) Vectors.allocate(DataType.INT64, "v", rows, allocator);
        for (int r = 0; r < rows; r++) {
            v.set(r, from + r);
        }
        v.setValueCount(rows);
        return Batch.of(SCHEMA, List.of(v), rows, from);
    }

    private static List<Long> values(List<Batch> batches) {
        List<Long> out = new ArrayList<>();
        for (Batch b : batches) {
            BigIntVector v = (BigIntVector) b.column(0);
            for (int r = 0; r < b.rowCount(); r++) {
                out.add(v.get(r));
            }
        }
        return out;
    }

    @Test
    void smallBatchesOfAPartitionAreJoinedInOrderAndLargeOnesPassAsTheyAre() {
        try (BufferAllocator allocator = new RootAllocator()) {
            List<List<Batch>> out = List.of(new ArrayList<>(), new ArrayList<>());
            try (PartitionCoalescer c = new PartitionCoalescer(2, SCHEMA, allocator, TARGET, (p, b) -> out.get(p).add(b))) {
                c.accept(0, batch(allocator, 0, 60)); // at least an eighth of the target, nothing waiting: passes
                for (int i = 0; i < 12; i++) {
                    c.accept(0, batch(allocator, 60 + 10 * i, 10)); // smaller: joined once 100 rows wait
                    c.accept(1, batch(allocator, 1000 + 3 * i, 3));
                    assertThat(out.get(1)).isEmpty();
                }
                assertThat(out.get(0)).extracting(Batch::rowCount).containsExactly(60, 100);
                assertThat(out.get(1)).isEmpty();
                c.finish();
            }
            assertThat(out.get(0)).extracting(Batch::rowCount).containsExactly(60, 100, 20);
            assertThat(out.get(1)).extracting(Batch::rowCount).containsExactly(36);
            List<Long> expected0 = new ArrayList<>();
            for (long v = 0; v < 180; v++) {
                expected0.add(v);
            }
            assertThat(values(out.get(0))).isEqualTo(expected0);
            assertThat(values(out.get(1)).get(35)).isEqualTo(1000 + 33 + 2);
            out.forEach(Batch::closeAll);
            assertThat(allocator.getAllocatedMemory()).isZero();
        }
    }

    @Test
    void aTaskThatFailsFreesWhatWasWaiting() {
        try (BufferAllocator allocator = new RootAllocator()) {
            List<Batch> out = new ArrayList<>();
            assertThatThrownBy(() -> {
                try (PartitionCoalescer c = new PartitionCoalescer(1, SCHEMA, allocator, TARGET, (p, b) -> out.add(b))) {
                    c.accept(0, batch(allocator, 0, 10));
                    throw new IllegalStateException("the task failed");
                }
            }).hasMessage("the task failed");
            assertThat(out).isEmpty();
            assertThat(allocator.getAllocatedMemory()).isZero();
        }
    }
}
