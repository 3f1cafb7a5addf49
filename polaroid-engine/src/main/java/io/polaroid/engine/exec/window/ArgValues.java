package io.polaroid.engine.exec.window;

import io.polaroid.engine.exec.hash.Lanes;
import io.polaroid.engine.types.DataType;
import org.apache.arrow.vector.FieldVector;

/**
 * A numeric function's argument as Java arrays: its validity, and its values as longs
 * ({@link Column#longs}) or doubles, whichever the function computes in.
 */
record ArgValues(long[] validity, long[] longs, double[] doubles) {
    static ArgValues read(FieldVector arg, DataType type, int n, boolean asLongs) {
        return new ArgValues(Lanes.validity(arg, n), asLongs ? Column.longs(arg, type, n) : null,
                asLongs ? null : Column.doubles(arg, type, n));
    }

    /** Only the validity: for functions that count values of any type. */
    static ArgValues validityOf(FieldVector arg, int n) {
        return new ArgValues(Lanes.validity(arg, n), null, null);
    }

    boolean isValid(int row) {
        return Lanes.isValid(validity, row);
    }
}
