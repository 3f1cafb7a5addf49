package io.polaroid.engine.exec.window;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.hash.Lanes;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Int128;
import io.polaroid.engine.vector.Vectors;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * A window function's values as Java arrays, filled at any row by any thread (every row by one
 * thread only), then written once into a vector. Integers, dates, timestamps and booleans are
 * longs; floats are doubles.
 */
final class Column {
    final DataType type;
    final long[] longs;
    final double[] doubles;
    /** Null where the row has no value; null when every row has one. */
    final boolean[] isNull;

    Column(DataType type, int n, boolean nullable) {
        this.type = type;
        boolean floating = isFloating(type);
        this.longs = floating ? null : new long[n];
        this.doubles = floating ? new double[n] : null;
        this.isNull = nullable ? new boolean[n] : null;
    }

    static boolean isFloating(DataType type) {
        return type.kind() == TypeKind.FLOAT32 || type.kind() == TypeKind.FLOAT64;
    }

    FieldVector toVector(String name, BufferAllocator allocator) {
        int n = longs != null ? longs.length : doubles.length;
        FieldVector v = Vectors.allocate(type, name, n, allocator);
        try {
            ArrowBuf data = v.getDataBuffer();
            ArrowBuf validity = v.getValidityBuffer();
            for (int i = 0; i < n; i++) {
                if (isNull != null && isNull[i]) {
                    BitVectorHelper.unsetBit(validity, i);
                    continue;
                }
                BitVectorHelper.setBit(validity, i);
                switch (type.kind()) {
                    case BOOL -> {
                        if (longs[i] != 0) {
                            BitVectorHelper.setBit(data, i);
                        } else {
                            BitVectorHelper.unsetBit(data, i);
                        }
                    }
                    case INT8 -> data.setByte(i, (byte) longs[i]);
                    case INT16 -> data.setShort((long) i << 1, (short) longs[i]);
                    case INT32, DATE32 -> data.setInt((long) i << 2, (int) longs[i]);
                    case INT64, TIMESTAMP, DURATION, TIME -> data.setLong((long) i << 3, longs[i]);
                    case DECIMAL -> {
                        data.setLong((long) i << 4, longs[i]);
                        data.setLong(((long) i << 4) + 8, longs[i] >> 63);
                    }
                    case FLOAT32 -> data.setFloat((long) i << 2, (float) doubles[i]);
                    case FLOAT64 -> data.setDouble((long) i << 3, doubles[i]);
                    default -> throw new IllegalStateException("a window column of " + type);
                }
            }
            v.setValueCount(n);
            return v;
        } catch (RuntimeException | Error e) {
            v.close();
            throw e;
        }
    }

    /**
     * The argument's values as longs: integers, dates, timestamps, booleans, and decimals as their
     * unscaled values (which must fit in 64 bits: up to 18 digits).
     */
    static long[] longs(FieldVector v, DataType type, int n) {
        long[] out = new long[n];
        if (type.kind() == TypeKind.DECIMAL) {
            long[] high = new long[n];
            Lanes.readDecimals(v, out, high, n);
            for (int i = 0; i < n; i++) {
                if (!v.isNull(i) && !Int128.fitsInLong(out[i], high[i])) {
                    throw PolaroidException.notSupported("a running or offset function over decimals beyond 18 digits ("
                            + Int128.toBigInteger(out[i], high[i]) + " unscaled); cast the column to float64 first");
                }
            }
        } else if (type.kind() != TypeKind.NULL) {
            Lanes.readLongs(v, type, out, n);
        }
        return out;
    }

    /** Adds, failing instead of wrapping around. */
    static long add(long a, long b, DataType type) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw overflow("sum", type);
        }
    }

    /** Multiplies, failing instead of wrapping around. */
    static long multiply(long a, long b, DataType type) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw overflow("product", type);
        }
    }

    /** Subtracts, failing instead of wrapping around. */
    static long subtract(long a, long b, DataType type) {
        try {
            return Math.subtractExact(a, b);
        } catch (ArithmeticException e) {
            throw overflow("difference", type);
        }
    }

    private static PolaroidException overflow(String what, DataType type) {
        return new PolaroidException(ErrorCode.INVALID_VALUE, "a " + what + " overflows " + type
                + "; cast the column to float64 first");
    }

    static double[] doubles(FieldVector v, DataType type, int n) {
        double[] out = new double[n];
        if (type.kind() != TypeKind.NULL) {
            Lanes.readDoubles(v, type, out, n);
        }
        return out;
    }

    /** Whether the type is read as longs by {@link #longs} (floats are not: their long lanes are bit patterns). */
    static boolean isIntegral(DataType type) {
        return switch (type.kind()) {
            case BOOL, INT8, INT16, INT32, INT64, DATE32, TIMESTAMP, DURATION, TIME, DECIMAL, NULL -> true;
            default -> false;
        };
    }
}
