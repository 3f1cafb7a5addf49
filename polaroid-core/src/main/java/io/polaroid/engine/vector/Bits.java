package io.polaroid.engine.vector;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

/**
 * Bitmaps a 64-bit word at a time: validity buffers and boolean values. Words are read safely
 * from buffers of any length; they are written only to buffers from {@link Vectors#allocate},
 * whose capacity is whole words.
 */
public final class Bits {
    private Bits() {
    }

    public static int roundUpToWord(int bits) {
        return (bits + 63) & ~63;
    }

    public static int words(int bits) {
        return (bits + 63) >>> 6;
    }

    /** Bits {@code 64*w .. 64*w+63} of {@code buf}, bits at or past {@code n} cleared. */
    public static long word(ArrowBuf buf, int w, int n) {
        long byteIndex = (long) w << 3;
        long word;
        if (byteIndex + 8 <= buf.capacity()) {
            word = buf.getLong(byteIndex);
        } else {
            word = 0;
            long end = Math.min(buf.capacity(), byteIndex + 8);
            for (long b = byteIndex; b < end; b++) {
                word |= (buf.getByte(b) & 0xFFL) << ((b - byteIndex) << 3);
            }
        }
        int remaining = n - (w << 6);
        return remaining >= 64 ? word : word & ((1L << remaining) - 1);
    }

    /**
     * Sets in {@code dst} (bits from {@code at}, clear before, whole words of capacity) the first
     * {@code count} bits of {@code src} that are set: a word at a time, at any bit offset.
     */
    public static void orInto(ArrowBuf src, int count, ArrowBuf dst, int at) {
        int shift = at & 63;
        for (int w = 0, words = words(count); w < words; w++) {
            long bits = word(src, w, count);
            if (bits == 0) {
                continue;
            }
            long d = ((long) (at >>> 6) + w) << 3;
            dst.setLong(d, dst.getLong(d) | (bits << shift));
            long carry = shift == 0 ? 0 : bits >>> (64 - shift);
            if (carry != 0) {
                dst.setLong(d + 8, dst.getLong(d + 8) | carry);
            }
        }
    }

    /** Validity word {@code w} of {@code v}: all ones (up to {@code n}) when {@code v} has no nulls. */
    public static long validWord(FieldVector v, boolean noNulls, int w, int n) {
        if (noNulls) {
            int remaining = n - (w << 6);
            return remaining >= 64 ? -1L : (1L << remaining) - 1;
        }
        if (v instanceof NullVector) {
            return 0;
        }
        return word(v.getValidityBuffer(), w, n);
    }

    /** True (valid and set) word {@code w} of a boolean vector. */
    public static long trueWord(BitVector v, boolean noNulls, int w, int n) {
        long data = word(v.getDataBuffer(), w, n);
        return noNulls ? data : data & word(v.getValidityBuffer(), w, n);
    }

    /** Writes {@code validity} as the first {@code n} bits of {@code out}'s validity. */
    public static void setValidity(FieldVector out, long[] validity, int n) {
        ArrowBuf buf = out.getValidityBuffer();
        for (int w = 0; w < words(n); w++) {
            buf.setLong((long) w << 3, validity[w]);
        }
    }

    /** Copies the validity of {@code src} to {@code out} (word-aligned), for {@code n} rows. */
    public static void copyValidity(FieldVector src, FieldVector out, int n) {
        ArrowBuf dst = out.getValidityBuffer();
        boolean noNulls = !(src instanceof NullVector) && src.getNullCount() == 0;
        for (int w = 0; w < words(n); w++) {
            dst.setLong((long) w << 3, validWord(src, noNulls, w, n));
        }
    }

    /** Sets {@code out}'s validity to the AND of the validity of {@code a} and {@code b}. */
    public static void andValidity(FieldVector a, FieldVector b, FieldVector out, int n) {
        ArrowBuf dst = out.getValidityBuffer();
        boolean aNoNulls = !(a instanceof NullVector) && a.getNullCount() == 0;
        boolean bNoNulls = !(b instanceof NullVector) && b.getNullCount() == 0;
        for (int w = 0; w < words(n); w++) {
            dst.setLong((long) w << 3, validWord(a, aNoNulls, w, n) & validWord(b, bNoNulls, w, n));
        }
    }

    /** Words with exactly the first {@code n} bits set. */
    public static long[] ones(int n) {
        long[] words = new long[words(n)];
        java.util.Arrays.fill(words, -1L);
        if ((n & 63) != 0) {
            words[words.length - 1] = (1L << (n & 63)) - 1;
        }
        return words;
    }

    /** The number of set bits among the first {@code n}. */
    public static int count(long[] words, int n) {
        int total = 0;
        for (int w = 0; w < words(n); w++) {
            total += Long.bitCount(words[w]);
        }
        return total;
    }

    /** The number of set bits among bits {@code from .. to)}. */
    public static int countRange(long[] words, int from, int to) {
        if (from >= to) {
            return 0;
        }
        int first = from >>> 6;
        int last = (to - 1) >>> 6;
        long lowMask = -1L << from;
        long highMask = -1L >>> (63 - ((to - 1) & 63));
        if (first == last) {
            return Long.bitCount(words[first] & lowMask & highMask);
        }
        int total = Long.bitCount(words[first] & lowMask) + Long.bitCount(words[last] & highMask);
        for (int w = first + 1; w < last; w++) {
            total += Long.bitCount(words[w]);
        }
        return total;
    }

    /** The positions of the set bits in {@code words} (first {@code n} bits), written to {@code out}. */
    public static int positions(long[] words, int n, int[] out) {
        int k = 0;
        for (int w = 0; w < words(n); w++) {
            long word = words[w];
            int base = w << 6;
            while (word != 0) {
                out[k++] = base + Long.numberOfTrailingZeros(word);
                word &= word - 1;
            }
        }
        return k;
    }
}
