package io.polaroid.engine.exec.sort;

import io.polaroid.engine.exec.hash.Lanes;
import io.polaroid.engine.kernels.CompareExpr;
import io.polaroid.engine.types.DataType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * One sort key over the rows of a vector: compares two rows, nulls first unless
 * {@code nullsLast}, values descending when asked (nulls are placed by {@code nullsLast} alone,
 * as in Polars).
 */
public abstract class SortColumn implements IntComparator {
    private final long[] valid;
    private final int direction;
    private final int nullOrder;

    SortColumn(FieldVector v, int n, boolean descending, boolean nullsLast) {
        this.valid = Lanes.validity(v, n);
        this.direction = descending ? -1 : 1;
        this.nullOrder = nullsLast ? 1 : -1;
    }

    public static SortColumn of(FieldVector v, DataType type, int n, boolean descending, boolean nullsLast) {
        return switch (type.kind()) {
            case FLOAT32, FLOAT64 -> new Doubles(v, type, n, descending, nullsLast);
            case DECIMAL -> new Decimals(v, n, descending, nullsLast);
            case UTF8, BINARY -> new Strings(v, n, descending, nullsLast);
            case NULL -> new Nulls(v, n, descending, nullsLast);
            default -> new Longs(v, type, n, descending, nullsLast);
        };
    }

    @Override
    public final int compare(int a, int b) {
        return compareWith(a, this, b);
    }

    /**
     * Row {@code a} of this column against row {@code b} of {@code other}, a column of the same
     * key over another batch (made by {@link #of} with the same type and order).
     */
    public final int compareWith(int a, SortColumn other, int b) {
        if (valid != null || other.valid != null) {
            boolean va = valid == null || Lanes.isValid(valid, a);
            boolean vb = other.valid == null || Lanes.isValid(other.valid, b);
            if (!va || !vb) {
                return va == vb ? 0 : (va ? -nullOrder : nullOrder);
            }
        }
        return direction * compareValues(a, other, b);
    }

    /** Row a's value against row b's of {@code other}, which is of this class. */
    abstract int compareValues(int a, SortColumn other, int b);

    private static final class Longs extends SortColumn {
        private final long[] values;

        Longs(FieldVector v, DataType type, int n, boolean descending, boolean nullsLast) {
            super(v, n, descending, nullsLast);
            values = new long[n];
            Lanes.readLongs(v, type, values, n);
        }

        @Override
        int compareValues(int a, SortColumn other, int b) {
            return Long.compare(values[a], ((Longs) other).values[b]);
        }
    }

    private static final class Doubles extends SortColumn {
        private final double[] values;

        Doubles(FieldVector v, DataType type, int n, boolean descending, boolean nullsLast) {
            super(v, n, descending, nullsLast);
            values = new double[n];
            Lanes.readDoubles(v, type, values, n);
        }

        @Override
        int compareValues(int a, SortColumn other, int b) {
            return CompareExpr.compareDoubles(values[a], ((Doubles) other).values[b]);
        }
    }

    private static final class Decimals extends SortColumn {
        private final long[] lows;
        private final long[] highs;

        Decimals(FieldVector v, int n, boolean descending, boolean nullsLast) {
            super(v, n, descending, nullsLast);
            lows = new long[n];
            highs = new long[n];
            Lanes.readDecimals(v, lows, highs, n);
        }

        @Override
        int compareValues(int a, SortColumn other, int b) {
            Decimals o = (Decimals) other;
            return CompareExpr.compare128(lows[a], highs[a], o.lows[b], o.highs[b]);
        }
    }

    private static final class Strings extends SortColumn {
        private final ArrowBuf offsets;
        private final ArrowBuf data;

        Strings(FieldVector v, int n, boolean descending, boolean nullsLast) {
            super(v, n, descending, nullsLast);
            offsets = ((BaseVariableWidthVector) v).getOffsetBuffer();
            data = v.getDataBuffer();
        }

        @Override
        int compareValues(int a, SortColumn other, int b) {
            Strings o = (Strings) other;
            int as = offsets.getInt((long) a << 2);
            int bs = o.offsets.getInt((long) b << 2);
            return CompareExpr.compareBytes(data, as, offsets.getInt((long) (a + 1) << 2) - as,
                    o.data, bs, o.offsets.getInt((long) (b + 1) << 2) - bs);
        }
    }

    private static final class Nulls extends SortColumn {
        Nulls(FieldVector v, int n, boolean descending, boolean nullsLast) {
            super(v, n, descending, nullsLast);
        }

        @Override
        int compareValues(int a, SortColumn other, int b) {
            return 0;
        }
    }
}
