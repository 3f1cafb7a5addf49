package io.polaroid.engine.kernels;

import org.apache.arrow.memory.ArrowBuf;

/** Byte-level helpers for UTF-8 strings held in Arrow buffers. */
public final class StringKernels {
    private StringKernels() {
    }

    /** Whether {@code data[start .. start + s.length)} equals {@code s}. */
    public static boolean equalsAt(ArrowBuf data, long start, byte[] s) {
        int k = 0;
        for (; k + 8 <= s.length; k += 8) {
            if (data.getLong(start + k) != (long) LONG.get(s, k)) {
                return false;
            }
        }
        for (; k < s.length; k++) {
            if (data.getByte(start + k) != s[k]) {
                return false;
            }
        }
        return true;
    }

    /** A byte array's eight bytes at an offset as a long, in the byte order Arrow's buffers have. */
    private static final java.lang.invoke.VarHandle LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.nativeOrder());

    /**
     * First position at or after {@code from} (relative to {@code start}) where {@code needle}
     * occurs, or -1. Candidates are found eight positions at a time: a word read at the position
     * and one read where the needle's last byte would be are compared with the needle's first and
     * last bytes, the usual zero-byte test flags the positions where both match, and only they are
     * compared in full. (Testing the first byte alone flagged most positions of English text.)
     */
    public static int indexOf(ArrowBuf data, long start, int len, byte[] needle, int from) {
        int n = needle.length;
        if (n == 0) {
            return from <= len ? from : -1;
        }
        int last = len - n;
        long firstBytes = (needle[0] & 0xFFL) * ONES;
        long lastBytes = (needle[n - 1] & 0xFFL) * ONES;
        int p = from;
        // both words lie in the string while p + 7 <= last
        for (; p <= last - 7; p += 8) {
            long x = (data.getLong(start + p) ^ firstBytes) | (data.getLong(start + p + n - 1) ^ lastBytes);
            long found = (x - ONES) & ~x & HIGHS;
            while (found != 0) {
                int at = p + (Long.numberOfTrailingZeros(found) >>> 3);
                if (equalsAt(data, start + at, needle)) {
                    return at;
                }
                found &= found - 1;
            }
        }
        for (; p <= last; p++) {
            if (data.getByte(start + p) == needle[0] && equalsAt(data, start + p, needle)) {
                return p;
            }
        }
        return -1;
    }

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** Number of UTF-8 characters in the bytes. */
    public static int charCount(ArrowBuf data, long start, int len) {
        int count = 0;
        for (int k = 0; k < len; k++) {
            if ((data.getByte(start + k) & 0xC0) != 0x80) {
                count++;
            }
        }
        return count;
    }

    /** Byte offset (relative to {@code start}) of character number {@code chars}, or {@code len} past the end. */
    public static int charOffset(ArrowBuf data, long start, int len, int chars) {
        int seen = 0;
        for (int k = 0; k < len; k++) {
            if ((data.getByte(start + k) & 0xC0) != 0x80) {
                if (seen == chars) {
                    return k;
                }
                seen++;
            }
        }
        return len;
    }

    /** Length in bytes of the UTF-8 character starting with byte {@code b}. */
    static int charLength(byte b) {
        int u = b & 0xFF;
        if (u < 0x80) {
            return 1;
        }
        if (u >= 0xF0) {
            return 4;
        }
        if (u >= 0xE0) {
            return 3;
        }
        return 2;
    }
}
