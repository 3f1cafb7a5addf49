package io.polaroid.engine.io.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.polaroid.engine.memory.HeapMemory;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** {@link DenseKeySet} against a {@link HashSet} of the same keys. */
class DenseKeySetTest {

    @Test
    void holdsExactlyItsKeysNearAndFarFromTheRange() {
        Random random = new Random(7);
        for (long base : new long[] {0, -5_000, 1L << 40, Long.MIN_VALUE, Long.MAX_VALUE - 300_000}) {
            try (BufferAllocator allocator = new RootAllocator();
                    HeapMemory memory = new HeapMemory(allocator, "test")) {
                int size = 2 + random.nextInt(5_000);
                long[] keys = new long[size];
                Set<Long> expected = new HashSet<>();
                int skip = random.nextInt(size);
                for (int i = 0; i < size; i++) {
                    keys[i] = base + random.nextInt(200_000);
                    if (i != skip) {
                        expected.add(keys[i]);
                    }
                }
                DenseKeySet set = DenseKeySet.of(keys, size, skip, memory);
                assertNotNull(set, "base " + base + " size " + size);
                long[] probes = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, base - 1, base + 200_000};
                for (long p : probes) {
                    assertEquals(expected.contains(p), set.test(p), "key " + p);
                }
                for (int i = 0; i < 100_000; i++) {
                    long p = base + random.nextInt(210_000) - 5_000;
                    assertEquals(expected.contains(p), set.test(p), "key " + p);
                    assertEquals(expected.contains(p) ? 1 : 0, set.bit(p));
                }
            }
        }
    }

    @Test
    void declinesKeysSpreadTooThinOrWiderThanALong() {
        try (BufferAllocator allocator = new RootAllocator();
                HeapMemory memory = new HeapMemory(allocator, "test")) {
            assertNull(DenseKeySet.of(new long[] {0, 1L << 30}, 2, -1, memory));
            assertNull(DenseKeySet.of(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, 2, -1, memory));
            assertNull(DenseKeySet.of(new long[] {5}, 1, 0, memory), "only the skipped key");
            assertNotNull(DenseKeySet.of(new long[] {0, DenseKeySet.FREE_BITS - 1}, 2, -1, memory));
        }
    }
}
