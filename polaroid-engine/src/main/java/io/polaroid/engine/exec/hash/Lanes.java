package io.polaroid.engine.exec.hash;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Int128;
import io.polaroid.engine.vector.Vectors;
import java.util.function.IntPredicate;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

/**
 * Reads a vector's values into Java arrays with one tight loop per physical type, so hash tables
 * and accumulators work on plain arrays whatever the column type.
 */
public final class Lanes {
    private Lanes() {
    }

    /** Whether values of this type read as longs ({@link #readLongs}). */
    public static boolean isLongLane(DataType t) {
        return switch (t.kind()) {
            case BOOL, INT8, INT16, INT32, INT64, DATE32, TIMESTAMP, DURATION, TIME, FLOAT32, FLOAT64 -> true;
            default -> false;
        };
    }

    /**
     * Integers, dates, timestamps and booleans as their values; floats as normalized bits
     * ({@link Hashing#doubleKey}), so that equal values read equal.
     */
    public static void readLongs(FieldVector v, DataType t, long[] out, int n) {
        ArrowBuf x = v.getDataBuffer();
        switch (t.kind()) {
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = x.getByte(i);
                }
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = x.getShort((long) i << 1);
                }
            }
            case INT32, DATE32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = x.getInt((long) i << 2);
                }
            }
            case INT64, TIMESTAMP, DURATION, TIME -> {
                for (int i = 0; i < n; i++) {
                    out[i] = x.getLong((long) i << 3);
                }
            }
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (x.getByte(i >>> 3) >>> (i & 7)) & 1;
                }
            }
            case FLOAT32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Hashing.doubleKey(x.getFloat((long) i << 2));
                }
            }
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Hashing.doubleKey(x.getDouble((long) i << 3));
                }
            }
            default -> throw new IllegalArgumentException(t + " is not read as longs");
        }
    }

    /** Writes value {@code j} of a vector's data buffer from its long lane ({@link #readLongs}'s inverse). */
    public static void writeLong(DataType t, ArrowBuf data, int j, long k) {
        switch (t.kind()) {
            case INT8 -> data.setByte(j, (byte) k);
            case INT16 -> data.setShort((long) j << 1, (short) k);
            case INT32, DATE32 -> data.setInt((long) j << 2, (int) k);
            case FLOAT32 -> data.setFloat((long) j << 2, (float) Double.longBitsToDouble(k));
            case FLOAT64 -> data.setDouble((long) j << 3, Double.longBitsToDouble(k));
            case BOOL -> {
                if (k != 0) {
                    BitVectorHelper.setBit(data, j);
                }
            }
            default -> data.setLong((long) j << 3, k);
        }
    }

    /**
     * A vector of {@code values[ids[j]]} for j below {@code count}, read as their long lanes, null
     * where {@code isNull} says the id's value is.
     */
    static FieldVector gather(DataType type, String name, long[] values, int[] ids, int count, IntPredicate isNull,
            BufferAllocator allocator) {
        FieldVector v = Vectors.allocate(type, name, count, allocator);
        try {
            ArrowBuf data = v.getDataBuffer();
            ArrowBuf valid = v.getValidityBuffer();
            for (int j = 0; j < count; j++) {
                int id = ids[j];
                if (!isNull.test(id)) {
                    BitVectorHelper.setBit(valid, j);
                    writeLong(type, data, j, values[id]);
                }
            }
            v.setValueCount(count);
            return v;
        } catch (RuntimeException | Error e) {
            v.close();
            throw e;
        }
    }

    /** Numeric values as doubles (decimals scaled). */
    public static void readDoubles(FieldVector v, DataType t, double[] out, int n) {
        ArrowBuf x = v.getDataBuffer();
        switch (t.kind()) {
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = x.getDouble((long) i << 3);
                }
            }
            case FLOAT32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = x.getFloat((long) i << 2);
                }
            }
            case DECIMAL -> {
                double divisor = Math.pow(10, t.scale());
                for (int i = 0; i < n; i++) {
                    long lo = x.getLong((long) i << 4);
                    long hi = x.getLong(((long) i << 4) + 8);
                    double u = Int128.fitsInLong(lo, hi) ? (double) lo : Int128.toBigInteger(lo, hi).doubleValue();
                    out[i] = u / divisor;
                }
            }
            case BOOL, INT8, INT16, INT32, INT64 -> {
                long[] tmp = new long[n];
                readLongs(v, t, tmp, n);
                for (int i = 0; i < n; i++) {
                    out[i] = tmp[i];
                }
            }
            default -> throw new IllegalArgumentException(t + " is not numeric");
        }
    }

    /** The decimal's 128-bit unscaled values as (low, high) pairs. */
    public static void readDecimals(FieldVector v, long[] lo, long[] hi, int n) {
        ArrowBuf x = v.getDataBuffer();
        for (int i = 0; i < n; i++) {
            lo[i] = x.getLong((long) i << 4);
            hi[i] = x.getLong(((long) i << 4) + 8);
        }
    }

    /**
     * Validity words of the first {@code n} rows, or null when each of them is valid. Reads only
     * those rows' bits: the vector's own null count would read all of its rows.
     */
    public static long[] validity(FieldVector v, int n) {
        if (v instanceof NullVector) {
            return new long[Bits.words(n)];
        }
        long[] words = new long[Bits.words(n)];
        ArrowBuf valid = v.getValidityBuffer();
        long missing = 0;
        for (int w = 0; w < words.length; w++) {
            words[w] = Bits.word(valid, w, n);
            int inWord = Math.min(64, n - (w << 6));
            missing |= ~words[w] & (inWord == 64 ? -1L : (1L << inWord) - 1);
        }
        return missing == 0 ? null : words;
    }

    public static boolean isValid(long[] validity, int i) {
        return validity == null || (validity[i >>> 6] & (1L << i)) != 0;
    }
}
