package io.polaroid.engine.exec.agg;

import io.polaroid.engine.exec.hash.Lanes;
import io.polaroid.engine.kernels.CompareExpr;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Vectors;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * One value per group of one type, with a flag for "has a value" and one for "is null": the
 * state of min, max, first and last. A batch is bound first; then rows are compared with and
 * copied into groups.
 */
abstract class GroupValues {
    protected final DataType type;
    protected boolean[] set = new boolean[0];
    protected boolean[] nulls = new boolean[0];
    protected long[] batchValid;

    GroupValues(DataType type) {
        this.type = type;
    }

    static GroupValues of(DataType type) {
        return switch (type.kind()) {
            case LIST, STRUCT -> new NestedGroupValues(type);
            case UTF8, BINARY -> new Strings(type);
            case DECIMAL -> new Decimals(type);
            case FLOAT32, FLOAT64 -> new Doubles(type);
            default -> new Longs(type);
        };
    }

    void resize(int groups) {
        if (set.length < groups) {
            int size = Math.max(groups, set.length * 2);
            set = Arrays.copyOf(set, size);
            nulls = Arrays.copyOf(nulls, size);
            grow(size);
        }
    }

    abstract void grow(int size);

    void bind(FieldVector v, int n) {
        batchValid = Lanes.validity(v, n);
        bindValues(v, n);
    }

    abstract void bindValues(FieldVector v, int n);

    boolean rowIsNull(int row) {
        return !Lanes.isValid(batchValid, row);
    }

    /** Compares bound row {@code row} with the value of group {@code g} (both non-null). */
    abstract int compareRow(int row, int g);

    /** Whether bound row {@code row} is NaN (only floats can be). */
    boolean rowIsNaN(int row) {
        return false;
    }

    /** Whether group {@code g}'s value is NaN. */
    boolean groupIsNaN(int g) {
        return false;
    }

    /** Stores bound row {@code row} (possibly null) as the value of group {@code g}. */
    void storeRow(int row, int g) {
        set[g] = true;
        nulls[g] = rowIsNull(row);
        if (!nulls[g]) {
            storeValue(row, g);
        }
    }

    abstract void storeValue(int row, int g);

    /** Compares group {@code from} of {@code other} with group {@code to} here (both non-null). */
    abstract int compareGroup(GroupValues other, int from, int to);

    void storeGroup(GroupValues other, int from, int to) {
        set[to] = true;
        nulls[to] = other.nulls[from];
        if (!nulls[to]) {
            copyValue(other, from, to);
        }
    }

    abstract void copyValue(GroupValues other, int from, int to);

    FieldVector toVector(int[] ids, int count, String name, BufferAllocator allocator) {
        FieldVector v = Vectors.allocate(type, name, count, allocator);
        try {
            write(v, ids, count);
            for (int j = 0; j < count; j++) {
                int g = ids[j];
                if (set[g] && !nulls[g]) {
                    BitVectorHelper.setBit(v.getValidityBuffer(), j);
                }
            }
            v.setValueCount(count);
            return v;
        } catch (RuntimeException | Error e) {
            v.close();
            throw e;
        }
    }

    abstract void write(FieldVector v, int[] ids, int count);

    abstract int bytesPerGroup();

    /** Integers, dates, timestamps and booleans. */
    static final class Longs extends GroupValues {
        private long[] values = new long[0];
        private long[] batch = new long[0];

        Longs(DataType type) {
            super(type);
        }

        @Override
        void grow(int size) {
            values = Arrays.copyOf(values, size);
        }

        @Override
        void bindValues(FieldVector v, int n) {
            if (batch.length < n) {
                batch = new long[n];
            }
            Lanes.readLongs(v, type, batch, n);
        }

        @Override
        int compareRow(int row, int g) {
            return Long.compare(batch[row], values[g]);
        }

        @Override
        void storeValue(int row, int g) {
            values[g] = batch[row];
        }

        @Override
        int compareGroup(GroupValues other, int from, int to) {
            return Long.compare(((Longs) other).values[from], values[to]);
        }

        @Override
        void copyValue(GroupValues other, int from, int to) {
            values[to] = ((Longs) other).values[from];
        }

        @Override
        void write(FieldVector v, int[] ids, int count) {
            ArrowBuf data = v.getDataBuffer();
            for (int j = 0; j < count; j++) {
                long x = values[ids[j]];
                switch (type.kind()) {
                    case BOOL -> {
                        if (x != 0) {
                            BitVectorHelper.setBit(data, j);
                        }
                    }
                    case INT8 -> data.setByte(j, (byte) x);
                    case INT16 -> data.setShort((long) j << 1, (short) x);
                    case INT32, DATE32 -> data.setInt((long) j << 2, (int) x);
                    default -> data.setLong((long) j << 3, x);
                }
            }
        }

        @Override
        int bytesPerGroup() {
            return 10;
        }
    }

    /** Floats, compared in the total order of {@link CompareExpr#compareDoubles}. */
    static final class Doubles extends GroupValues {
        private double[] values = new double[0];
        private double[] batch = new double[0];

        Doubles(DataType type) {
            super(type);
        }

        @Override
        void grow(int size) {
            values = Arrays.copyOf(values, size);
        }

        @Override
        void bindValues(FieldVector v, int n) {
            if (batch.length < n) {
                batch = new double[n];
            }
            Lanes.readDoubles(v, type, batch, n);
        }

        @Override
        int compareRow(int row, int g) {
            return CompareExpr.compareDoubles(batch[row], values[g]);
        }

        @Override
        boolean rowIsNaN(int row) {
            return Double.isNaN(batch[row]);
        }

        @Override
        boolean groupIsNaN(int g) {
            return !nulls[g] && Double.isNaN(values[g]);
        }

        @Override
        void storeValue(int row, int g) {
            values[g] = batch[row];
        }

        @Override
        int compareGroup(GroupValues other, int from, int to) {
            return CompareExpr.compareDoubles(((Doubles) other).values[from], values[to]);
        }

        @Override
        void copyValue(GroupValues other, int from, int to) {
            values[to] = ((Doubles) other).values[from];
        }

        @Override
        void write(FieldVector v, int[] ids, int count) {
            ArrowBuf data = v.getDataBuffer();
            for (int j = 0; j < count; j++) {
                if (type.kind() == TypeKind.FLOAT32) {
                    data.setFloat((long) j << 2, (float) values[ids[j]]);
                } else {
                    data.setDouble((long) j << 3, values[ids[j]]);
                }
            }
        }

        @Override
        int bytesPerGroup() {
            return 10;
        }
    }

    /** 128-bit decimals as (low, high). */
    static final class Decimals extends GroupValues {
        private long[] lows = new long[0];
        private long[] highs = new long[0];
        private long[] batchLow = new long[0];
        private long[] batchHigh = new long[0];

        Decimals(DataType type) {
            super(type);
        }

        @Override
        void grow(int size) {
            lows = Arrays.copyOf(lows, size);
            highs = Arrays.copyOf(highs, size);
        }

        @Override
        void bindValues(FieldVector v, int n) {
            if (batchLow.length < n) {
                batchLow = new long[n];
                batchHigh = new long[n];
            }
            Lanes.readDecimals(v, batchLow, batchHigh, n);
        }

        @Override
        int compareRow(int row, int g) {
            return CompareExpr.compare128(batchLow[row], batchHigh[row], lows[g], highs[g]);
        }

        @Override
        void storeValue(int row, int g) {
            lows[g] = batchLow[row];
            highs[g] = batchHigh[row];
        }

        @Override
        int compareGroup(GroupValues other, int from, int to) {
            Decimals o = (Decimals) other;
            return CompareExpr.compare128(o.lows[from], o.highs[from], lows[to], highs[to]);
        }

        @Override
        void copyValue(GroupValues other, int from, int to) {
            Decimals o = (Decimals) other;
            lows[to] = o.lows[from];
            highs[to] = o.highs[from];
        }

        @Override
        void write(FieldVector v, int[] ids, int count) {
            ArrowBuf data = v.getDataBuffer();
            for (int j = 0; j < count; j++) {
                data.setLong((long) j << 4, lows[ids[j]]);
                data.setLong(((long) j << 4) + 8, highs[ids[j]]);
            }
        }

        @Override
        int bytesPerGroup() {
            return 18;
        }
    }

    /** UTF-8 strings, one byte array per group. */
    static final class Strings extends GroupValues {
        private byte[][] values = new byte[0][];
        private ArrowBuf offsets;
        private ArrowBuf data;

        Strings(DataType type) {
            super(type);
        }

        @Override
        void grow(int size) {
            values = Arrays.copyOf(values, size);
        }

        @Override
        void bindValues(FieldVector v, int n) {
            offsets = ((BaseVariableWidthVector) v).getOffsetBuffer();
            data = v.getDataBuffer();
        }

        @Override
        int compareRow(int row, int g) {
            int start = offsets.getInt((long) row << 2);
            int len = offsets.getInt((long) (row + 1) << 2) - start;
            byte[] s = values[g];
            int m = Math.min(len, s.length);
            for (int k = 0; k < m; k++) {
                int a = data.getByte(start + k) & 0xFF;
                int b = s[k] & 0xFF;
                if (a != b) {
                    return a < b ? -1 : 1;
                }
            }
            return Integer.compare(len, s.length);
        }

        @Override
        void storeValue(int row, int g) {
            int start = offsets.getInt((long) row << 2);
            byte[] s = new byte[offsets.getInt((long) (row + 1) << 2) - start];
            data.getBytes(start, s);
            values[g] = s;
        }

        @Override
        int compareGroup(GroupValues other, int from, int to) {
            return Arrays.compareUnsigned(((Strings) other).values[from], values[to]);
        }

        @Override
        void copyValue(GroupValues other, int from, int to) {
            values[to] = ((Strings) other).values[from];
        }

        @Override
        void write(FieldVector v, int[] ids, int count) {
            BaseVariableWidthVector w = (BaseVariableWidthVector) v;
            long total = 0;
            for (int j = 0; j < count; j++) {
                byte[] s = values[ids[j]];
                total += s == null ? 0 : s.length;
            }
            while (w.getDataBuffer().capacity() < total) {
                w.reallocDataBuffer();
            }
            ArrowBuf out = w.getDataBuffer();
            ArrowBuf offs = w.getOffsetBuffer();
            int at = 0;
            for (int j = 0; j < count; j++) {
                byte[] s = values[ids[j]];
                if (s != null && set[ids[j]] && !nulls[ids[j]]) {
                    out.setBytes(at, s, 0, s.length);
                    at += s.length;
                }
                offs.setInt((long) (j + 1) << 2, at);
            }
            w.setLastSet(count - 1);
        }

        @Override
        int bytesPerGroup() {
            return 40;
        }
    }
}
