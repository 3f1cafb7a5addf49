package io.polaroid.engine.exec.filter;

import io.polaroid.engine.exec.hash.Lanes;
import io.polaroid.engine.io.filter.RangeTest;
import io.polaroid.engine.types.DataType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code low <= column <= high} (or {@code column != value}) over the rows still selected, for
 * integer-like, date, timestamp, narrow decimal and float columns. Bounds are inclusive: strict
 * comparisons are turned into inclusive ones when the range is built. Nulls never pass.
 */
final class RangeCheck {
    final int column;
    final String name;
    private final DataType type;
    long low = Long.MIN_VALUE;
    long high = Long.MAX_VALUE;
    double lowD = Double.NEGATIVE_INFINITY;
    double highD = Double.POSITIVE_INFINITY;
    /** When set, the check is {@code column != notEqual} instead of a range. */
    Object notEqual;

    RangeCheck(int column, String name, DataType type) {
        this.column = column;
        this.name = name;
        this.type = type;
    }

    boolean isFloat() {
        return type.isFloat();
    }

    /**
     * Keeps the rows of {@code rows[0 .. count)} (all rows {@code 0 .. count) when rows is null)
     * that pass; writes them to {@code out} and returns how many.
     */
    int select(FieldVector v, int[] rows, int count, int[] out) {
        long[] valid = Lanes.validity(v, v.getValueCount());
        ArrowBuf x = v.getDataBuffer();
        int k = 0;
        boolean all = rows == null;
        if (notEqual != null) {
            long ne = type.isFloat() ? 0 : (Long) notEqual;
            double neD = type.isFloat() ? (Double) notEqual : 0;
            for (int j = 0; j < count; j++) {
                int i = all ? j : rows[j];
                boolean pass = type.isFloat() ? read(x, i, 0.0) != neD : read(x, i) != ne;
                out[k] = i;
                k += (pass && Lanes.isValid(valid, i)) ? 1 : 0;
            }
            return k;
        }
        switch (type.kind()) {
            case INT32, DATE32 -> {
                long lo = low;
                long hi = high;
                for (int j = 0; j < count; j++) {
                    int i = all ? j : rows[j];
                    long value = x.getInt((long) i << 2);
                    out[k] = i;
                    k += (value >= lo & value <= hi) ? 1 : 0;
                }
            }
            case INT64, TIMESTAMP, DURATION, TIME -> {
                long lo = low;
                long hi = high;
                for (int j = 0; j < count; j++) {
                    int i = all ? j : rows[j];
                    long value = x.getLong((long) i << 3);
                    out[k] = i;
                    k += (value >= lo & value <= hi) ? 1 : 0;
                }
            }
            case DECIMAL -> {
                long lo = low;
                long hi = high;
                for (int j = 0; j < count; j++) {
                    int i = all ? j : rows[j];
                    long value = x.getLong((long) i << 4);
                    out[k] = i;
                    k += (value >= lo & value <= hi) ? 1 : 0;
                }
            }
            case FLOAT64, FLOAT32 -> {
                double lo = lowD;
                double hi = highD;
                for (int j = 0; j < count; j++) {
                    int i = all ? j : rows[j];
                    double value = read(x, i, 0.0);
                    out[k] = i;
                    k += (value >= lo & value <= hi) ? 1 : 0;
                }
            }
            default -> {
                long lo = low;
                long hi = high;
                for (int j = 0; j < count; j++) {
                    int i = all ? j : rows[j];
                    long value = read(x, i);
                    out[k] = i;
                    k += (value >= lo & value <= hi) ? 1 : 0;
                }
            }
        }
        if (valid != null) {
            int m = 0;
            for (int j = 0; j < k; j++) {
                int i = out[j];
                out[m] = i;
                m += Lanes.isValid(valid, i) ? 1 : 0;
            }
            k = m;
        }
        return k;
    }

    private long read(ArrowBuf x, int i) {
        return RangeTest.valueAt(type, x, i);
    }

    private double read(ArrowBuf x, int i, double unused) {
        return type.kind() == io.polaroid.engine.types.TypeKind.FLOAT32 ? x.getFloat((long) i << 2) : x.getDouble((long) i << 3);
    }

    @Override
    public String toString() {
        if (notEqual != null) {
            return name + " != " + notEqual;
        }
        return isFloat() ? lowD + " <= " + name + " <= " + highD : low + " <= " + name + " <= " + high;
    }
}
