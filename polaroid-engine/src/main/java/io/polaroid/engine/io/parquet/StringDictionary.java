package io.polaroid.engine.io.parquet;

import io.polaroid.engine.kernels.Utf8Writer;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;

/**
 * A column chunk's string dictionary on the heap: entry i is {@code bytes[starts[i] ..
 * starts[i] + lengths[i])}. Gathering from arrays lets the writer copy short strings (flags,
 * codes) in a tight loop.
 */
final class StringDictionary {
    final byte[] bytes;
    final int[] starts;
    final int[] lengths;
    /** Each entry's bytes as a little-endian long when no entry is longer than 8 bytes, else null. */
    private final long[] words;
    /** The length all entries share, or -1. */
    private final int sameLength;

    StringDictionary(BaseVariableWidthVector dictionary) {
        int size = dictionary.getValueCount();
        ArrowBuf offsets = dictionary.getOffsetBuffer();
        int end = size == 0 ? 0 : offsets.getInt((long) size << 2);
        this.bytes = new byte[end];
        dictionary.getDataBuffer().getBytes(0, bytes, 0, end);
        this.starts = new int[size];
        this.lengths = new int[size];
        for (int i = 0; i < size; i++) {
            starts[i] = offsets.getInt((long) i << 2);
            lengths[i] = offsets.getInt((long) (i + 1) << 2) - starts[i];
        }
        int longest = 0;
        int shortest = Integer.MAX_VALUE;
        for (int len : lengths) {
            longest = Math.max(longest, len);
            shortest = Math.min(shortest, len);
        }
        this.sameLength = size > 0 && longest == shortest ? longest : -1;
        this.words = longest <= Long.BYTES ? new long[size] : null;
        for (int i = 0; words != null && i < size; i++) {
            for (int b = lengths[i] - 1; b >= 0; b--) {
                words[i] = words[i] << 8 | (bytes[starts[i] + b] & 0xFFL);
            }
        }
    }

    /**
     * Appends entries {@code keys[0 .. n)} to {@code out}, a null where a key is negative. Short
     * entries (flags, codes) of rows without nulls go eight bytes a store.
     */
    void appendTo(Utf8Writer out, int[] keys, int n) {
        if (words != null && !anyNegative(keys, n)) {
            out.appendShortEntries(words, lengths, sameLength, keys, n);
        } else {
            out.appendEntries(bytes, starts, lengths, keys, n);
        }
    }

    private static boolean anyNegative(int[] keys, int n) {
        int or = 0;
        for (int i = 0; i < n; i++) {
            or |= keys[i];
        }
        return or < 0;
    }
}
