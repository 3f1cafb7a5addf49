package io.polaroid.engine.exec.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.polaroid.engine.memory.HeapMemory;
import io.polaroid.engine.types.DataType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every key table layout against a map of keys: the same ids in order of first insertion (nulls
 * as keys of their own), find never matching a key with a null, keys read back as they went in,
 * and, past the size where a large table gets a filter, no key lost to it.
 */
class KeyTableTest {
    private static final int BATCH = 4096;

    static List<List<DataType>> layouts() {
        return List.of(
                List.of(DataType.INT64), // LongKeyTable, keys spread out: hashed
                List.of(DataType.INT32), // LongKeyTable, keys dense (from -2): a direct index once finished
                List.of(DataType.INT64, DataType.INT32), // TwoLongKeyTable
                List.of(DataType.INT32, DataType.FLOAT64), // TwoLongKeyTable, float bits
                List.of(DataType.INT64, DataType.UTF8)); // RowKeyTable
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void idsFindsAndKeysMatchAMapOfKeys(List<DataType> types) {
        Random random = new Random(types.hashCode());
        int rows = 3 * KeyFilter.MIN_KEYS;
        Object[][] inserted = randomKeys(types, rows, 4 * KeyFilter.MIN_KEYS, random);
        Map<List<Object>, Integer> expected = new HashMap<>();
        List<List<Object>> keysById = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator(); HeapMemory memory = new HeapMemory(allocator, "test")) {
            KeyEncoder encoder = new KeyEncoder(types);
            try (KeyTable table = encoder.newTable(memory)) {
                EncodedKeys encoded = new EncodedKeys();
                for (int from = 0; from < rows; from += BATCH) {
                    int n = Math.min(BATCH, rows - from);
                    int[] ids = new int[n];
                    encode(encoder, types, inserted, from, n, encoded, allocator);
                    table.findOrInsert(encoded, ids);
                    for (int i = 0; i < n; i++) {
                        List<Object> key = Arrays.asList(inserted[from + i]);
                        Integer id = expected.get(key);
                        if (id == null) {
                            id = keysById.size();
                            expected.put(key, id);
                            keysById.add(key);
                        }
                        assertEquals(id, ids[i], "id of " + key);
                        assertEquals(encoded.hash(i), table.hashOf(ids[i]), "hash of " + key);
                    }
                }
                assertEquals(keysById.size(), table.size());
                assertKeysReadBack(table, types, keysById, allocator);

                table.prepareForFind();
                Object[][] probes = randomKeys(types, rows, 8 * KeyFilter.MIN_KEYS, random);
                for (int from = 0; from < rows; from += BATCH) {
                    int n = Math.min(BATCH, rows - from);
                    int[] ids = new int[n];
                    encode(encoder, types, probes, from, n, encoded, allocator);
                    table.find(encoded, ids);
                    for (int i = 0; i < n; i++) {
                        List<Object> key = Arrays.asList(probes[from + i]);
                        int want = key.contains(null) ? -1 : expected.getOrDefault(key, -1);
                        assertEquals(want, ids[i], "find " + key);
                    }
                }

                try (KeyTable copy = encoder.newTable(memory)) {
                    for (int id = table.size() - 1; id >= 0; id--) {
                        assertEquals(table.size() - 1 - id, copy.findOrInsertFrom(table, id));
                    }
                    assertEquals(table.size() - 1, copy.findOrInsertFrom(table, 0));
                }
            }
        }
    }

    private static void assertKeysReadBack(KeyTable table, List<DataType> types, List<List<Object>> keysById, BufferAllocator allocator) {
        int[] all = new int[table.size()];
        Arrays.setAll(all, i -> i);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < types.size(); c++) {
            names.add("k" + c);
        }
        List<FieldVector> back = table.toVectors(all, all.length, names, allocator);
        try {
            for (int id = 0; id < all.length; id++) {
                Object[] row = new Object[types.size()];
                for (int c = 0; c < types.size(); c++) {
                    Object v = back.get(c).getObject(id);
                    row[c] = v == null ? null : v.toString();
                }
                Object[] want = keysById.get(id).stream().map(v -> v == null ? null : v.toString()).toArray();
                assertArrayEquals(want, row, "key " + id);
            }
        } finally {
            back.forEach(FieldVector::close);
        }
    }

    /** Keys drawn from {@code distinct} values per column, one in twenty null. */
    private static Object[][] randomKeys(List<DataType> types, int rows, int distinct, Random random) {
        Object[][] keys = new Object[rows][types.size()];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < types.size(); c++) {
                int v = random.nextInt(c == 0 ? distinct : 4);
                keys[r][c] = random.nextInt(20) == 0 ? null : switch (types.get(c).kind()) {
                    case INT64 -> (long) v * 1_000_003L - 7;
                    case INT32 -> v - 2;
                    case FLOAT64 -> v == 0 ? -0.0 : v / 2.0;
                    default -> "s" + v;
                };
            }
        }
        // -0.0 and 0.0 are one key, as in the tables.
        for (Object[] row : keys) {
            for (int c = 0; c < row.length; c++) {
                if (row[c] instanceof Double d && d == 0.0) {
                    row[c] = 0.0;
                }
            }
        }
        return keys;
    }

    private static void encode(KeyEncoder encoder, List<DataType> types, Object[][] keys, int from, int n,
            EncodedKeys out, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (int c = 0; c < types.size(); c++) {
                vectors.add(vector(types.get(c), keys, c, from, n, allocator));
            }
            encoder.encode(vectors, n, out);
        } finally {
            vectors.forEach(FieldVector::close);
        }
    }

    private static FieldVector vector(DataType type, Object[][] keys, int c, int from, int n, BufferAllocator allocator) {
        switch (type.kind()) {
            case INT64 -> {
                BigIntVector v = new BigIntVector("k", allocator);
                v.allocateNew(n);
                for (int i = 0; i < n; i++) {
                    if (keys[from + i][c] != null) {
                        v.set(i, (Long) keys[from + i][c]);
                    }
                }
                v.setValueCount(n);
                return v;
            }
            case INT32 -> {
                IntVector v = new IntVector("k", allocator);
                v.allocateNew(n);
                for (int i = 0; i < n; i++) {
                    if (keys[from + i][c] != null) {
                        v.set(i, (Integer) keys[from + i][c]);
                    }
                }
                v.setValueCount(n);
                return v;
            }
            case FLOAT64 -> {
                Float8Vector v = new Float8Vector("k", allocator);
                v.allocateNew(n);
                for (int i = 0; i < n; i++) {
                    if (keys[from + i][c] != null) {
                        v.set(i, (Double) keys[from + i][c]);
                    }
                }
                v.setValueCount(n);
                return v;
            }
            default -> {
                VarCharVector v = new VarCharVector("k", allocator);
                v.allocateNew(n);
                for (int i = 0; i < n; i++) {
                    if (keys[from + i][c] != null) {
                        v.setSafe(i, ((String) keys[from + i][c]).getBytes(StandardCharsets.UTF_8));
                    }
                }
                v.setValueCount(n);
                return v;
            }
        }
    }
}
