package io.polaroid.engine.io.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.junit.jupiter.api.Test;

/** {@link KeySetTest}: a key passes when the set holds it, a null never; per entry and per row agree. */
class KeySetTestTest {
    private static final Set<Long> KEYS = Set.of(3L, 7L, -2L);
    private static final KeySetTest TEST = new KeySetTest("k", KEYS::contains);

    @Test
    void answersEachDictionaryEntry() {
        try (BufferAllocator allocator = new RootAllocator(); DateDayVector dictionary = new DateDayVector("d", allocator)) {
            int[] entries = {7, 1, -2, 3, 0};
            dictionary.allocateNew(entries.length);
            for (int i = 0; i < entries.length; i++) {
                dictionary.set(i, entries[i]);
            }
            dictionary.setValueCount(entries.length);
            assertArrayEquals(new byte[] {1, 0, 1, 1, 0}, TEST.verdicts(dictionary, entries.length));
        }
    }

    @Test
    void clearsTheRowsWhoseKeyIsNullOrAbsentAtTheirOffset() {
        try (BufferAllocator allocator = new RootAllocator(); BigIntVector v = new BigIntVector("k", allocator)) {
            Long[] rows = {3L, null, 4L, 7L, null, -2L};
            v.allocateNew(rows.length);
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] != null) {
                    v.set(i, rows[i]);
                }
            }
            v.setValueCount(rows.length);
            long[] pass = {-1L, -1L};
            TEST.andTest(v, rows.length, pass, 62);
            // rows 0..5 are bits 62..67: 3 passes, null fails, 4 fails, 7 passes, null fails, -2 passes
            long expectedLow = -1L & ~(1L << 63);
            long expectedHigh = -1L & ~0b101L;
            assertArrayEquals(new long[] {expectedLow, expectedHigh}, pass);
        }
    }
}
