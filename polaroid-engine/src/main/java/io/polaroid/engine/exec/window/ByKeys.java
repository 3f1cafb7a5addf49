package io.polaroid.engine.exec.window;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.hash.Lanes;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.exec.sort.IntSorter;
import org.apache.arrow.vector.FieldVector;

/**
 * The {@code by} column of {@code rolling_*_by} and {@code interpolate_by}: its values as longs
 * times a scale (nanoseconds a day of dates, a timestamp unit's nanoseconds, 1 for integers), and
 * a partition's positions sorted by them (ties in window order), as Polars sorts by {@code by}.
 */
final class ByKeys {
    private final long[] validity;
    private final long[] keys;

    ByKeys(FieldVector by, DataType type, int n, long scale) {
        this.validity = Lanes.validity(by, n);
        this.keys = Column.longs(by, type, n);
        if (scale != 1) {
            for (int i = 0; i < n; i++) {
                try {
                    keys[i] = Math.multiplyExact(keys[i], scale);
                } catch (ArithmeticException e) {
                    throw new PolaroidException(ErrorCode.INVALID_VALUE, "a `by` value of " + type
                            + " beyond the nanoseconds a 64-bit integer holds");
                }
            }
        }
    }

    boolean isValid(int row) {
        return Lanes.isValid(validity, row);
    }

    long key(int row) {
        return keys[row];
    }

    /** The rows of {@code rows[from..to)} whose {@code by} is not null, sorted by it (stable). */
    int[] sorted(int[] rows, int from, int to) {
        int[] out = new int[to - from];
        int count = 0;
        for (int p = from; p < to; p++) {
            if (isValid(rows[p])) {
                out[count++] = rows[p];
            }
        }
        IntSorter.sort(out, count, (a, b) -> Long.compare(keys[a], keys[b]));
        return java.util.Arrays.copyOf(out, count);
    }
}
