package io.polaroid.engine.exec.window;

import io.polaroid.engine.exec.hash.Lanes;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Int128;
import org.apache.arrow.vector.FieldVector;

/**
 * Values as longs whose signed order is the values' order, so that they sort as primitives:
 * integers, dates and timestamps as themselves, decimals of up to 18 digits as their unscaled
 * values, floats as their bits folded into one total order with NaN above every number (Polars'
 * order); all negated for a descending order.
 */
final class OrderKeys {
    private OrderKeys() {
    }

    /** The keys, or null if the type (or a wide decimal) does not fit in an order-keeping long. */
    static long[] of(FieldVector v, DataType type, int n, boolean descending) {
        long[] keys = new long[n];
        switch (type.kind()) {
            case BOOL, INT8, INT16, INT32, INT64, DATE32, TIMESTAMP, DURATION, TIME -> Lanes.readLongs(v, type, keys, n);
            case FLOAT32, FLOAT64 -> {
                double[] d = new double[n];
                Lanes.readDoubles(v, type, d, n);
                for (int i = 0; i < n; i++) {
                    long bits = Double.doubleToLongBits(d[i] == 0.0 ? 0.0 : d[i]); // -0.0 ranks with 0.0; NaN canonical
                    keys[i] = bits ^ ((bits >> 63) & Long.MAX_VALUE);
                }
            }
            case DECIMAL -> {
                long[] high = new long[n];
                Lanes.readDecimals(v, keys, high, n);
                for (int i = 0; i < n; i++) {
                    if (!v.isNull(i) && !Int128.fitsInLong(keys[i], high[i])) {
                        return null;
                    }
                }
            }
            default -> {
                return null;
            }
        }
        if (descending) {
            for (int i = 0; i < n; i++) {
                keys[i] = ~keys[i];
            }
        }
        return keys;
    }

    /** The first position in {@code sorted[0..m)} whose key is not below {@code key}. */
    static int lowerBound(long[] sorted, int m, long key) {
        int lo = 0;
        int hi = m;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first position in {@code sorted[0..m)} whose key is above {@code key}. */
    static int upperBound(long[] sorted, int m, long key) {
        int lo = 0;
        int hi = m;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
