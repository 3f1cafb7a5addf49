package io.polaroid.engine.exec.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.kernels.ColumnExpr;
import io.polaroid.engine.kernels.PhysicalExpr;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

/** The partitions of a grace join share one {@link KeyBuckets}: it must give each thread the buckets it alone would. */
class KeyBucketsTest {
    private static final Schema SCHEMA = Schema.of(Field.of("a", DataType.INT64), Field.of("b", DataType.INT64));
    private static final List<PhysicalExpr> KEYS = List.of(new ColumnExpr(0, "a", DataType.INT64),
            new ColumnExpr(1, "b", DataType.INT64));

    @Test
    void twoThreadsSharingItGetTheBucketsOneThreadGets() throws Exception {
        try (BufferAllocator allocator = new RootAllocator()) {
            // Batches of different lengths: a shared scratch array sized for one is wrong for the other.
            List<Batch> batches = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                batches.add(batch(allocator, 1000 + 3000 * (i % 4), i));
            }
            try {
                KeyBuckets alone = new KeyBuckets(KEYS, List.of(DataType.INT64, DataType.INT64));
                List<int[]> expected = new ArrayList<>();
                for (Batch b : batches) {
                    expected.add(alone.of(b, 32, allocator));
                }
                KeyBuckets shared = new KeyBuckets(KEYS, List.of(DataType.INT64, DataType.INT64));
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                    List<Future<Boolean>> runs = new ArrayList<>();
                    for (int t = 0; t < 2; t++) {
                        int offset = t;
                        runs.add(pool.submit(() -> {
                            for (int round = 0; round < 200; round++) {
                                int i = (round * 2 + offset) % batches.size();
                                if (!java.util.Arrays.equals(expected.get(i), shared.of(batches.get(i), 32, allocator))) {
                                    return false;
                                }
                            }
                            return true;
                        }));
                    }
                    for (Future<Boolean> run : runs) {
                        assertThat(run.get()).as("every batch in its own buckets").isTrue();
                    }
                } finally {
                    pool.shutdownNow();
                }
            } finally {
                batches.forEach(Batch::close);
            }
        }
    }

    private static Batch batch(BufferAllocator allocator, int rows, int salt) {
        List<FieldVector> columns = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            BigIntVector v = (BigIntVector) Vectors.allocate(DataType.INT64, SCHEMA.field(c).name(), rows, allocator);
            for (int r = 0; r < rows; r++) {
                v.set(r, (long) r * (c + 7) + salt);
            }
            v.setValueCount(rows);
            columns.add(v);
        }
        return Batch.of(SCHEMA, columns, rows, salt);
    }
}
