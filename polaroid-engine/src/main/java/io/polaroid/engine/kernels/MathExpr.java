package io.polaroid.engine.kernels;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Int128;
import io.polaroid.engine.vector.Vectors;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Unary numeric functions: NEG, ABS, and ROUND to {@code decimals} places, halves to even (or away
 * from zero), as Polars rounds: a float is scaled by 10^decimals, rounded to a whole number and
 * scaled back; a decimal keeps its type. Works on INT32, INT64, FLOAT64 and DECIMAL (the analyzer
 * casts other types).
 */
public record MathExpr(ScalarFn fn, PhysicalExpr input, int decimals, boolean halfToEven, DataType type)
        implements PhysicalExpr {

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        try (FieldVector in = input.eval(batch, allocator)) {
            FieldVector out = Vectors.allocate(type, "", n, allocator);
            try {
                ArrowBuf x = in.getDataBuffer();
                ArrowBuf o = out.getDataBuffer();
                switch (input.type().kind()) {
                    case INT32 -> {
                        for (int i = 0; i < n; i++) {
                            int v = x.getInt((long) i << 2);
                            o.setInt((long) i << 2, fn == ScalarFn.NEG ? -v : fn == ScalarFn.ABS ? Math.abs(v) : roundInt(v));
                        }
                    }
                    case INT64 -> {
                        for (int i = 0; i < n; i++) {
                            long v = x.getLong((long) i << 3);
                            o.setLong((long) i << 3, fn == ScalarFn.NEG ? -v : fn == ScalarFn.ABS ? Math.abs(v) : roundLong(v));
                        }
                    }
                    case FLOAT64 -> {
                        for (int i = 0; i < n; i++) {
                            double v = x.getDouble((long) i << 3);
                            o.setDouble((long) i << 3, fn == ScalarFn.NEG ? -v : fn == ScalarFn.ABS ? Math.abs(v) : roundDouble(v));
                        }
                    }
                    case DECIMAL -> decimal(in, x, o, n);
                    default -> throw PolaroidException.internal(fn + " on " + input.type());
                }
                Bits.copyValidity(in, out, n);
                out.setValueCount(n);
                return out;
            } catch (RuntimeException | Error e) {
                out.close();
                throw e;
            }
        }
    }

    private int roundInt(int v) {
        return (int) roundLong(v);
    }

    private long roundLong(long v) {
        if (decimals >= 0) {
            return v;
        }
        return BigDecimal.valueOf(v).setScale(decimals, mode()).longValue();
    }

    private RoundingMode mode() {
        return halfToEven ? RoundingMode.HALF_EVEN : RoundingMode.HALF_UP;  // HALF_UP: halves away from zero
    }

    private double roundDouble(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double scale = Math.pow(10, Math.abs(decimals));
        double y = decimals >= 0 ? v * scale : v / scale;
        double whole = halfToEven ? Math.rint(y) : awayFromZero(y);
        return decimals >= 0 ? whole / scale : whole * scale;
    }

    /** The nearest whole number, a half away from zero (exact: no y + 0.5, which itself rounds). */
    private static double awayFromZero(double y) {
        double floor = Math.floor(y);
        return y - floor == 0.5 ? (y > 0 ? floor + 1 : floor) : Math.rint(y);
    }

    private void decimal(FieldVector in, ArrowBuf x, ArrowBuf o, int n) {
        int fromScale = input.type().scale();
        for (int i = 0; i < n; i++) {
            long lo = x.getLong((long) i << 4);
            long hi = x.getLong(((long) i << 4) + 8);
            if (fn != ScalarFn.ROUND && Int128.fitsInLong(lo, hi) && lo != Long.MIN_VALUE) {
                long r = fn == ScalarFn.NEG ? -lo : Math.abs(lo);
                o.setLong((long) i << 4, r);
                o.setLong(((long) i << 4) + 8, r >> 63);
                continue;
            }
            if (in.isNull(i)) {
                continue;
            }
            BigInteger v = Int128.toBigInteger(lo, hi);
            BigInteger r = switch (fn) {
                case NEG -> v.negate();
                case ABS -> v.abs();
                default -> decimals >= fromScale ? v
                        : new BigDecimal(v, fromScale).setScale(decimals, mode()).setScale(fromScale).unscaledValue();
            };
            if (r.bitLength() > 126) {
                throw new PolaroidException(ErrorCode.INVALID_VALUE, "decimal overflow in " + this);
            }
            o.setLong((long) i << 4, r.longValue());
            o.setLong(((long) i << 4) + 8, r.shiftRight(64).longValue());
        }
    }

    @Override
    public String toString() {
        return fn.symbol() + "(" + input + (fn == ScalarFn.ROUND ? ", " + decimals : "") + ")";
    }
}
