package io.polaroid.engine.exec.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polaroid.engine.memory.HeapMemory;
import io.polaroid.engine.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

/**
 * A single-integer-key table filled in key order stays sorted (ids are positions, no slots) and
 * leaves that mode, keeping every id, when a key comes out of order; tables still sorted merge in
 * key order and the merged table stays sorted.
 */
class SortedLongKeysTest {
    private static final List<DataType> TYPES = List.of(DataType.INT64);

    @Test
    void keysInOrderAreAppendedAndAKeyOutOfOrderSwitchesToHashingWithTheSameIds() {
        try (BufferAllocator allocator = new RootAllocator(); HeapMemory memory = new HeapMemory(allocator, "test")) {
            KeyEncoder encoder = new KeyEncoder(TYPES);
            LongKeyTable table = (LongKeyTable) encoder.newTable(memory);
            Map<Long, Integer> expected = new HashMap<>();
            // Runs of equal keys, ascending, in batches whose boundaries cut runs.
            long[] ascending = new long[50_000];
            for (int i = 0; i < ascending.length; i++) {
                ascending[i] = 3L * (i / 4) - 1000;
            }
            insert(encoder, table, ascending, expected, allocator);
            assertTrue(table.isSorted());
            assertEquals(ascending.length / 4, table.size());
            for (int id = 0; id < table.size(); id++) {
                assertEquals(3L * id - 1000, table.key(id), "ids are positions");
            }
            // Keys seen before, out of order: found by binary search, still sorted.
            insert(encoder, table, new long[] {-1000, 5, 2000}, expected, allocator);
            assertTrue(table.isSorted());
            // A new key out of order: the table hashes, and every id stays.
            insert(encoder, table, new long[] {-999, 7, -5000, 3L * 20_000}, expected, allocator);
            assertFalse(table.isSorted());
            insert(encoder, table, ascending, expected, allocator);
            assertEquals(expected.size(), table.size());
        }
    }

    @Test
    void manyBinarySearchesSwitchToHashing() {
        try (BufferAllocator allocator = new RootAllocator(); HeapMemory memory = new HeapMemory(allocator, "test")) {
            KeyEncoder encoder = new KeyEncoder(TYPES);
            LongKeyTable table = (LongKeyTable) encoder.newTable(memory);
            Map<Long, Integer> expected = new HashMap<>();
            long[] cycle = new long[4096];
            Arrays.setAll(cycle, i -> i % 2048);
            insert(encoder, table, cycle, expected, allocator);
            assertFalse(table.isSorted(), "revisiting every key out of order is cheaper hashed");
        }
    }

    @Test
    void sortedTablesMergeInKeyOrderIntoASortedTable() {
        try (BufferAllocator allocator = new RootAllocator(); HeapMemory memory = new HeapMemory(allocator, "test")) {
            KeyEncoder encoder = new KeyEncoder(TYPES);
            // Two threads' tables over interleaved ranges (row groups 0, 2, 4 and 1, 3, 5), sharing boundary keys.
            long[][] parts = {new long[3000], new long[3000]};
            for (int s = 0; s < 2; s++) {
                for (int i = 0; i < 3000; i++) {
                    int rowGroup = 2 * (i / 1000) + s;
                    parts[s][i] = rowGroup * 1000L + i % 1000 + (i % 1000 == 999 ? 1 : 0);
                }
            }
            List<KeyTable> tables = new ArrayList<>();
            List<int[]> ids = new ArrayList<>();
            List<int[]> maps = new ArrayList<>();
            for (long[] part : parts) {
                LongKeyTable t = (LongKeyTable) encoder.newTable(memory);
                insert(encoder, t, part, new HashMap<>(), allocator);
                assertTrue(t.isSorted());
                tables.add(t);
                int[] all = new int[t.size()];
                Arrays.setAll(all, i -> i);
                ids.add(all);
                maps.add(new int[t.size()]);
            }
            LongKeyTable into = (LongKeyTable) encoder.newTable(memory);
            KeyMerge.addAll(into, tables, ids, new int[] {0, 0}, new int[] {tables.get(0).size(), tables.get(1).size()}, maps);
            assertTrue(into.isSorted());
            long[] distinct = Arrays.stream(new long[][] {parts[0], parts[1]}).flatMapToLong(Arrays::stream).distinct().sorted().toArray();
            assertEquals(distinct.length, into.size());
            for (int s = 0; s < 2; s++) {
                LongKeyTable t = (LongKeyTable) tables.get(s);
                for (int id = 0; id < t.size(); id++) {
                    assertEquals(t.key(id), into.key(maps.get(s)[id]));
                }
            }
            long[] keys = new long[into.size()];
            Arrays.setAll(keys, into::key);
            assertArrayEquals(distinct, keys);
        }
    }

    private static void insert(KeyEncoder encoder, KeyTable table, long[] keys, Map<Long, Integer> expected,
            BufferAllocator allocator) {
        EncodedKeys encoded = new EncodedKeys();
        for (int from = 0; from < keys.length; from += 999) {
            int n = Math.min(999, keys.length - from);
            try (BigIntVector v = new BigIntVector("k", allocator)) {
                v.allocateNew(n);
                for (int i = 0; i < n; i++) {
                    v.set(i, keys[from + i]);
                }
                v.setValueCount(n);
                encoder.encode(List.<FieldVector>of(v), n, encoded);
            }
            int[] ids = new int[n];
            table.findOrInsert(encoded, ids);
            for (int i = 0; i < n; i++) {
                Integer want = expected.putIfAbsent(keys[from + i], expected.size());
                assertEquals(want == null ? expected.size() - 1 : want, ids[i], "id of " + keys[from + i]);
            }
        }
    }
}
