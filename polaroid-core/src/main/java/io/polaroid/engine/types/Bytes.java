package io.polaroid.engine.types;

import java.util.Arrays;

/**
 * The engine representation of one BINARY value: immutable bytes, equal by content and ordered
 * unsigned byte by byte, shorter first on a common prefix (as Polars orders binary values).
 */
public final class Bytes implements Comparable<Bytes> {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final byte[] value;

    private Bytes(byte[] value) {
        this.value = value;
    }

    /** The value of a copy of {@code bytes}. */
    public static Bytes of(byte[] bytes) {
        return new Bytes(bytes.clone());
    }

    /** A copy of the bytes. */
    public byte[] toArray() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(value, o.value);
    }

    /** Lower-case hex, two digits a byte (the text a typed literal carries). */
    public String toHex() {
        StringBuilder sb = new StringBuilder(value.length * 2);
        for (byte b : value) {
            sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return sb.toString();
    }

    /** The bytes of lower- or upper-case hex text; an odd length or another character is refused. */
    public static Bytes fromHex(String hex) {
        if ((hex.length() & 1) != 0) {
            throw new IllegalArgumentException("hex text of odd length " + hex.length());
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not hex: " + hex);
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return new Bytes(out);
    }

    /** As Polars prints a binary value: printable ASCII as it is, other bytes as {@code \xNN}: {@code b"ab\xff"}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("b\"");
        for (byte b : value) {
            int u = b & 0xFF;
            if (u >= 0x20 && u < 0x7F) {
                sb.append((char) u);
            } else {
                sb.append("\\x").append(HEX[u >> 4]).append(HEX[u & 0xF]);
            }
        }
        return sb.append('"').toString();
    }
}
