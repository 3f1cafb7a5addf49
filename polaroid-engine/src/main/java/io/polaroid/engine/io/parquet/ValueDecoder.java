package io.polaroid.engine.io.parquet;

import io.polaroid.engine.physical.expr.Utf8Writer;
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

    static boolean isSet(long[] valid, int row) {
        return valid == null || (valid[row >>> 6] & (1L << row)) != 0;
    }
}
