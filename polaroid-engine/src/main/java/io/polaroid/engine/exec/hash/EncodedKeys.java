package io.polaroid.engine.exec.hash;

/**
 * The keys of one batch, encoded for a {@link KeyTable}: one hash per row, and one long per row
 * (a single integer-like key), two longs per row (two such keys) or one serialized row per row. Reused from batch to batch.
 */
public final class EncodedKeys {
    int count;
    long[] hashes = new long[0];
    /** Single-key mode: the key value of each row. */
    long[] values = new long[0];
    /** Two-key mode: the second key of each row ({@code values} holds the first). */
    long[] second = new long[0];
    /** Two-key mode, when {@code nullRows} is set: which of the row's keys are null (bit 0, bit 1). */
    byte[] nullMasks = new byte[0];
    /** Which rows have a null in any key column (null when none do). */
    long[] nullRows;
    /** Row mode: row i is {@code data[offsets[i] .. offsets[i + 1])}. */
    byte[] data = new byte[0];
    int[] offsets = new int[1];
    /** Row mode, every row at most 7 bytes: {@code values} hold the packed rows and {@code data} is unused. */
    boolean packed;

    public int count() {
        return count;
    }

    public long hash(int row) {
        return hashes[row];
    }

    /** Whether any key of row {@code row} is null (such rows never match in a join). */
    public boolean hasNull(int row) {
        return nullRows != null && (nullRows[row >>> 6] & (1L << row)) != 0;
    }

    void ensureSecond(int n) {
        if (second.length < n) {
            second = new long[hashes.length];
            nullMasks = new byte[hashes.length];
        }
    }

    void ensure(int n) {
        if (hashes.length < n) {
            int size = Math.max(n, hashes.length * 2);
            hashes = new long[size];
            values = new long[size];
            offsets = new int[size + 1];
        }
    }
}
