package io.polaroid.engine.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.polaroid.engine.types.DataType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.Test;

/** Pieces of any length (so at any bit offset) with nulls concatenate to the same values in order. */
class VectorsConcatTest {
    private static final int TRIALS = 200;

    @Test
    void concatenatesAtAnyBitOffset() {
        Random random = new Random(42);
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int trial = 0; trial < TRIALS; trial++) {
                int pieces = 1 + random.nextInt(6);
                List<FieldVector> longs = new ArrayList<>();
                List<FieldVector> bools = new ArrayList<>();
                List<FieldVector> strings = new ArrayList<>();
                List<Object> expectedLongs = new ArrayList<>();
                List<Object> expectedBools = new ArrayList<>();
                List<Object> expectedStrings = new ArrayList<>();
                try {
                    for (int p = 0; p < pieces; p++) {
                        int n = random.nextInt(150);
                        double nulls = random.nextInt(3) / 4.0;
                        BigIntVector l = new BigIntVector("l", allocator);
                        BitVector b = new BitVector("b", allocator);
                        VarCharVector s = new VarCharVector("s", allocator);
                        longs.add(l);
                        bools.add(b);
                        strings.add(s);
                        l.allocateNew(n);
                        b.allocateNew(n);
                        s.allocateNew();
                        for (int i = 0; i < n; i++) {
                            boolean isNull = random.nextDouble() < nulls;
                            long v = random.nextLong();
                            boolean t = random.nextBoolean();
                            String text = "x".repeat(random.nextInt(5)) + i;
                            if (isNull) {
                                l.setNull(i);
                                b.setNull(i);
                                s.setNull(i);
                            } else {
                                l.set(i, v);
                                b.set(i, t ? 1 : 0);
                                s.setSafe(i, text.getBytes(StandardCharsets.UTF_8));
                            }
                            expectedLongs.add(isNull ? null : v);
                            expectedBools.add(isNull ? null : t);
                            expectedStrings.add(isNull ? null : text);
                        }
                        l.setValueCount(n);
                        b.setValueCount(n);
                        s.setValueCount(n);
                    }
                    check(expectedLongs, longs, DataType.INT64, allocator);
                    check(expectedBools, bools, DataType.BOOL, allocator);
                    check(expectedStrings, strings, DataType.UTF8, allocator);
                } finally {
                    longs.forEach(FieldVector::close);
                    bools.forEach(FieldVector::close);
                    strings.forEach(FieldVector::close);
                }
            }
        }
    }

    private static void check(List<Object> expected, List<FieldVector> parts, DataType type, BufferAllocator allocator) {
        try (FieldVector out = Vectors.concat(parts, type, "out", allocator)) {
            assertEquals(expected.size(), out.getValueCount());
            for (int i = 0; i < expected.size(); i++) {
                Object actual = out.getObject(i);
                assertEquals(expected.get(i), actual instanceof Text text ? text.toString() : actual, type + " row " + i);
            }
        }
    }
}
