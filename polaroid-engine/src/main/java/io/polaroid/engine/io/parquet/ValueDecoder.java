package io.polaroid.engine.io.parquet;

import io.polaroid.engine.kernels.Utf8Writer;
import org.apache.arrow.vector.FieldVector;

/** Decodes the values (not the levels) of one data page, in bulk. */
abstract class ValueDecoder {
    /** Decodes the next {@code count} values densely into rows {@code at .. at+count) of a fixed-width or boolean vector. */
    abstract void decodeFixed(FieldVector out, int at, int count);

    /**
     * Appends rows {@code at .. at+k)} of a string column: the next value for each row whose bit
     * is set in {@code valid} (all rows when {@code valid} is null), a null for the others.
     */
    abstract void decodeStrings(Utf8Writer out, int at, int k, long[] valid);

    /**
     * Reads the next {@code total} values, keeping value {@code dense[j]} (increasing) in row
     * {@code outAt + j} of a fixed-width or boolean vector for each j below m with
     * {@code dense[j] >= 0}; rows with a negative entry are left alone (they are null).
     */
    abstract void gatherFixed(FieldVector out, int outAt, int[] dense, int m, int total);

    /** Reads the next {@code total} values, appending value {@code dense[j]}, or a null where it is negative, for j below m. */
    abstract void gatherStrings(Utf8Writer out, int[] dense, int m, int total);

    /** Passes over the next {@code count} values. */
    abstract void skip(int count);

    /** {@link #gatherFixed} for decoders that find a value only by passing the ones before it. */
    final void gatherOneByOne(FieldVector out, int outAt, int[] dense, int m, int total) {
        int at = 0;
        for (int j = 0; j < m; j++) {
            int v = dense[j];
            if (v >= 0) {
                skip(v - at);
                decodeFixed(out, outAt + j, 1);
                at = v + 1;
            }
        }
        skip(total - at);
    }

    static boolean isSet(long[] valid, int row) {
        return valid == null || (valid[row >>> 6] & (1L << row)) != 0;
    }
}
