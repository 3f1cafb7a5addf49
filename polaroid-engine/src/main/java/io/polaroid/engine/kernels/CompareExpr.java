package io.polaroid.engine.kernels;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code left op right} for two operands of one type, producing BOOL (null if either side is
 * null). Each loop computes a three-way comparison c in {-1, 0, 1} and keeps bit {@code c + 1} of
 * the operator's mask, so one loop per type serves all six operators.
 */
public record CompareExpr(ScalarFn op, PhysicalExpr left, PhysicalExpr right) implements PhysicalExpr {

    @Override
    public DataType type() {
        return DataType.BOOL;
    }

    /** Bit (c + 1) is set when the operator holds for compare result c. */
    static int mask(ScalarFn op) {
        return switch (op) {
            case EQ -> 0b010;
            case NE -> 0b101;
            case LT -> 0b001;
            case LE -> 0b011;
            case GT -> 0b100;
            case GE -> 0b110;
            default -> throw PolaroidException.internal(op + " is not a comparison");
        };
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        try (Operand a = Operand.of(left, batch, allocator); Operand b = Operand.of(right, batch, allocator)) {
            BitVector out = (BitVector) Vectors.allocate(DataType.BOOL, "", n, allocator);
            try {
                ArrowBuf o = out.getDataBuffer();
                ArrowBuf v = out.getValidityBuffer();
                int m = mask(op);
                for (int w = 0; w < Bits.words(n); w++) {
                    int base = w << 6;
                    int end = Math.min(64, n - base);
                    long bits = compareWord(a, b, base, end, m);
                    o.setLong((long) w << 3, bits);
                    v.setLong((long) w << 3, a.validWord(w, n) & b.validWord(w, n));
                }
                out.setValueCount(n);
                return out;
            } catch (RuntimeException | Error e) {
                out.close();
                throw e;
            }
        }
    }

    private long compareWord(Operand a, Operand b, int base, int count, int m) {
        ArrowBuf x = a.data();
        ArrowBuf y = b.data();
        int am = a.mask;
        int bm = b.mask;
        long bits = 0;
        DataType t = left.type();
        switch (t.kind()) {
            case INT32, DATE32 -> {
                for (int k = 0; k < count; k++) {
                    int i = base + k;
                    int c = cmp(x.getInt((long) (i & am) << 2), y.getInt((long) (i & bm) << 2));
                    bits |= (long) ((m >>> (c + 1)) & 1) << k;
                }
            }
            case INT64, TIMESTAMP, DURATION, TIME -> {
                for (int k = 0; k < count; k++) {
                    int i = base + k;
                    int c = cmp(x.getLong((long) (i & am) << 3), y.getLong((long) (i & bm) << 3));
                    bits |= (long) ((m >>> (c + 1)) & 1) << k;
                }
            }
            case FLOAT64 -> {
                for (int k = 0; k < count; k++) {
                    int i = base + k;
                    int c = compareDoubles(x.getDouble((long) (i & am) << 3), y.getDouble((long) (i & bm) << 3));
                    bits |= (long) ((m >>> (c + 1)) & 1) << k;
                }
            }
            case FLOAT32 -> {
                for (int k = 0; k < count; k++) {
                    int i = base + k;
                    int c = compareDoubles(x.getFloat((long) (i & am) << 2), y.getFloat((long) (i & bm) << 2));
                    bits |= (long) ((m >>> (c + 1)) & 1) << k;
                }
            }
            case INT16 -> {
                for (int k = 0; k < count; k++) {
                    int i = base + k;
                    int c = cmp(x.getShort((long) (i & am) << 1), y.getShort((long) (i & bm) << 1));
                    bits |= (long) ((m >>> (c + 1)) & 1) << k;
                }
            }
            case INT8 -> {
                for (int k = 0; k < count; k++) {
                    int i = base + k;
                    int c = cmp(x.getByte(i & am), y.getByte(i & bm));
                    bits |= (long) ((m >>> (c + 1)) & 1) << k;
                }
            }
            case BOOL -> {
                for (int k = 0; k < count; k++) {
                    int i = base + k;
                    int c = cmp(bit(x, i & am), bit(y, i & bm));
                    bits |= (long) ((m >>> (c + 1)) & 1) << k;
                }
            }
            case DECIMAL -> {
                boolean narrow = t.isLongDecimal() && right.type().isLongDecimal();
                for (int k = 0; k < count; k++) {
                    int i = base + k;
                    long ia = (long) (i & am) << 4;
                    long ib = (long) (i & bm) << 4;
                    int c = narrow ? cmp(x.getLong(ia), y.getLong(ib))
                            : compare128(x.getLong(ia), x.getLong(ia + 8), y.getLong(ib), y.getLong(ib + 8));
                    bits |= (long) ((m >>> (c + 1)) & 1) << k;
                }
            }
            case UTF8, BINARY -> {
                ArrowBuf xo = ((BaseVariableWidthVector) a.vector).getOffsetBuffer();
                ArrowBuf yo = ((BaseVariableWidthVector) b.vector).getOffsetBuffer();
                for (int k = 0; k < count; k++) {
                    int i = base + k;
                    int ai = i & am;
                    int bi = i & bm;
                    int as = xo.getInt((long) ai << 2);
                    int bs = yo.getInt((long) bi << 2);
                    int c = compareBytes(x, as, xo.getInt((long) (ai + 1) << 2) - as, y, bs, yo.getInt((long) (bi + 1) << 2) - bs);
                    bits |= (long) ((m >>> (c + 1)) & 1) << k;
                }
            }
            default -> throw PolaroidException.internal("comparison of " + t);
        }
        return bits;
    }

    /** Three-way comparison without a branch: data-dependent branches mispredict half the time here. */
    private static int cmp(long a, long b) {
        return (a > b ? 1 : 0) - (a < b ? 1 : 0);
    }

    private static int bit(ArrowBuf buf, int i) {
        return (buf.getByte(i >>> 3) >>> (i & 7)) & 1;
    }

    /** Total order: -0.0 equals 0.0, NaN equals NaN and is greater than every other value. */
    public static int compareDoubles(double a, double b) {
        int c = (a > b ? 1 : 0) - (a < b ? 1 : 0);
        if (c == 0 && a != b) {
            return Double.compare(a, b); // a NaN is involved
        }
        return c;
    }

    public static int compare128(long aLo, long aHi, long bLo, long bHi) {
        int c = Long.compare(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    /** Unsigned lexicographic comparison of UTF-8 bytes, which is code point order. */
    public static int compareBytes(ArrowBuf x, long xs, int xl, ArrowBuf y, long ys, int yl) {
        int n = Math.min(xl, yl);
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            long a = x.getLong(xs + i);
            long b = y.getLong(ys + i);
            if (a != b) {
                return Long.compareUnsigned(Long.reverseBytes(a), Long.reverseBytes(b)) < 0 ? -1 : 1;
            }
        }
        for (; i < n; i++) {
            int a = x.getByte(xs + i) & 0xFF;
            int b = y.getByte(ys + i) & 0xFF;
            if (a != b) {
                return a < b ? -1 : 1;
            }
        }
        return Integer.compare(xl, yl);
    }

    @Override
    public String toString() {
        return "(" + left + " " + op.symbol() + " " + right + ")";
    }
}
