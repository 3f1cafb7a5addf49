package io.polaroid.engine.kernels;

import org.apache.arrow.memory.ArrowBuf;

/** Byte-level helpers for UTF-8 strings held in Arrow buffers. */
public final class StringKernels {
    private StringKernels() {
    }

    /** Whether {@code data[start .. start + s.length)} equals {@code s}. */
    public static boolean equalsAt(ArrowBuf data, long start, byte[] s) {
        for (int k = 0; k < s.length; k++) {
            if (data.getByte(start + k) != s[k]) {
                return false;
            }
        }
        return true;
    }

    /** First position at or after {@code from} (relative to {@code start}) where {@code needle} occurs, or -1. */
    public static int indexOf(ArrowBuf data, long start, int len, byte[] needle, int from) {
        int n = needle.length;
        if (n == 0) {
            return from <= len ? from : -1;
        }
        byte first = needle[0];
        int last = len - n;
        for (int p = from; p <= last; p++) {
            if (data.getByte(start + p) == first && equalsAt(data, start + p, needle)) {
                return p;
            }
        }
        return -1;
    }

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
