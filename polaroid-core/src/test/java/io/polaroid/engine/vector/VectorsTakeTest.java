package io.polaroid.engine.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.Test;

/**
 * Rows taken by index, from sources with and without nulls, keep each row's value and null, and a
 * missing index (-1) makes a null. Takes range from a few rows of a large source (a join probe
 * against a big build side, where the source's nulls are not counted) to more rows than it has.
 */
class VectorsTakeTest {
    private static final int TRIALS = 300;

    @Test
    void takenRowsKeepTheirValuesAndNulls() {
        Random random = new Random(7);
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int trial = 0; trial < TRIALS; trial++) {
                int rows = 1 + random.nextInt(random.nextBoolean() ? 100 : 20_000);
                double nulls = random.nextInt(3) / 4.0;
                int n = random.nextInt(random.nextBoolean() ? 8 : 3 * rows);
                int[] indices = new int[n];
                for (int i = 0; i < n; i++) {
                    indices[i] = random.nextInt(20) == 0 ? -1 : random.nextInt(rows);
                }
                try (BigIntVector longs = new BigIntVector("l", allocator);
                     VarCharVector strings = new VarCharVector("s", allocator)) {
                    fill(longs, strings, rows, nulls, random);
                    // a caller that knows the source has no null may say so
                    boolean mayHaveNulls = nulls > 0 || random.nextBoolean();
                    try (FieldVector l = Vectors.take(longs, indices, n, allocator, mayHaveNulls);
                         FieldVector s = Vectors.take(strings, indices, n, allocator, mayHaveNulls)) {
                        assertEquals(n, l.getValueCount());
                        for (int i = 0; i < n; i++) {
                            int j = indices[i];
                            String at = "trial " + trial + ", row " + i + " from " + j;
                            assertEquals(j < 0 ? null : longs.getObject(j), l.getObject(i), at);
                            assertEquals(j < 0 ? null : strings.getObject(j), s.getObject(i), at);
                        }
                    }
                }
            }
        }
    }

    private static void fill(BigIntVector longs, VarCharVector strings, int rows, double nulls, Random random) {
        longs.allocateNew(rows);
        strings.allocateNew(rows);
        for (int r = 0; r < rows; r++) {
            if (random.nextDouble() < nulls) {
                longs.setNull(r);
                strings.setNull(r);
            } else {
                long v = random.nextLong();
                longs.set(r, v);
                strings.setSafe(r, new Text(Long.toString(v, 36)));
            }
        }
        longs.setValueCount(rows);
        strings.setValueCount(rows);
    }
}
