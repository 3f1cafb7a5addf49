package io.polaroid.engine.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.junit.jupiter.api.Test;

/**
 * {@link Utf8Writer}'s bulk appends of dictionary entries mixed with single rows and nulls, in
 * random order and batch sizes, against the list of strings they should make.
 */
class Utf8WriterTest {

    @Test
    void bulkAndSingleAppendsMakeTheExpectedRows() {
        Random random = new Random(11);
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int round = 0; round < 300; round++) {
                boolean sameLength = round % 3 == 0;
                int size = 1 + random.nextInt(40);
                String[] entries = new String[size];
                for (int i = 0; i < size; i++) {
                    int len = sameLength ? 1 + round % 8 : random.nextInt(9);
                    char[] c = new char[len];
                    for (int b = 0; b < len; b++) {
                        c[b] = (char) ('a' + random.nextInt(26));
                    }
                    entries[i] = new String(c);
                }
                Dictionary dict = new Dictionary(entries);
                List<String> expected = new ArrayList<>();
                int rows = 0;
                List<Runnable> steps = new ArrayList<>();
                int[][] batches = new int[6][];
                for (int s = 0; s < batches.length; s++) {
                    int n = random.nextInt(150);
                    int[] keys = new int[n];
                    boolean nulls = random.nextBoolean();
                    for (int i = 0; i < n; i++) {
                        keys[i] = nulls && random.nextInt(5) == 0 ? -1 : random.nextInt(size);
                        expected.add(keys[i] < 0 ? null : entries[keys[i]]);
                    }
                    batches[s] = keys;
                    rows += n + 1;
                    expected.add(s % 2 == 0 ? null : "single");
                }
                Utf8Writer w = new Utf8Writer(rows, 4, allocator);
                for (int s = 0; s < batches.length; s++) {
                    int[] keys = batches[s];
                    if (Arrays.stream(keys).allMatch(k -> k >= 0)) {
                        w.appendShortEntries(dict.words, dict.lengths, dict.sameLength, keys, keys.length);
                    } else {
                        w.appendEntries(dict.bytes, dict.starts, dict.lengths, keys, keys.length);
                    }
                    if (s % 2 == 0) {
                        w.appendNull();
                    } else {
                        w.append("single".getBytes(StandardCharsets.UTF_8));
                    }
                }
                try (BaseVariableWidthVector v = w.finish()) {
                    assertThat(v.getValueCount()).isEqualTo(expected.size());
                    for (int i = 0; i < expected.size(); i++) {
                        byte[] got = v.isNull(i) ? null : v.get(i);
                        assertThat(got == null ? null : new String(got, StandardCharsets.UTF_8))
                                .as("round %d row %d", round, i).isEqualTo(expected.get(i));
                    }
                }
            }
        }
    }

    /** A dictionary laid out as the Parquet reader holds one. */
    private static final class Dictionary {
        final byte[] bytes;
        final int[] starts;
        final int[] lengths;
        final long[] words;
        final int sameLength;

        Dictionary(String[] entries) {
            StringBuilder all = new StringBuilder();
            starts = new int[entries.length];
            lengths = new int[entries.length];
            words = new long[entries.length];
            for (int i = 0; i < entries.length; i++) {
                starts[i] = all.length();
                lengths[i] = entries[i].length();
                all.append(entries[i]);
                for (int b = entries[i].length() - 1; b >= 0; b--) {
                    words[i] = words[i] << 8 | entries[i].charAt(b);
                }
            }
            bytes = all.toString().getBytes(StandardCharsets.US_ASCII);
            sameLength = Arrays.stream(lengths).distinct().count() == 1 ? lengths[0] : -1;
        }
    }
}
