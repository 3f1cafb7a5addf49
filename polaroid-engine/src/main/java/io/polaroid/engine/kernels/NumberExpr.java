package io.polaroid.engine.kernels;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.commons.math3.special.Erf;

/**
 * The number functions of {@code NumberFunctions}, row by row, nulls kept: the bit counts of an
 * i64 holding an integer of {@code param} bits (i64 results), and of an f64 the error function
 * (Apache Commons Math) or the value rounded to {@code param} significant figures (f64 results;
 * for an integer of {@code width} bits, an i64 truncated and saturated to that width, as Rust's {@code as}).
 */
public record NumberExpr(ScalarFn fn, PhysicalExpr input, int param, int width) implements PhysicalExpr {
    /** Below this, erf(x) is 2x/sqrt(pi) to the last bit (the next term is x^3/3 of it). */
    private static final double TINY = 1e-9;
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    @Override
    public DataType type() {
        return fn == ScalarFn.ERF || fn == ScalarFn.ERFC || fn == ScalarFn.ROUND_SIG_FIGS && width == 0
                ? DataType.FLOAT64 : DataType.INT64;
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        return RowWise.apply(input, type(), batch, allocator, (in, out, n) -> {
            ArrowBuf x = in.getDataBuffer();
            ArrowBuf o = out.getDataBuffer();
            if (type() == DataType.FLOAT64) {
                for (int i = 0; i < n; i++) {
                    o.setDouble((long) i << 3, ofDouble(x.getDouble((long) i << 3)));
                }
            } else if (fn == ScalarFn.ROUND_SIG_FIGS) {
                long max = width == 64 ? Long.MAX_VALUE : (1L << (width - 1)) - 1;
                for (int i = 0; i < n; i++) {
                    long r = (long) roundSigFigs(x.getDouble((long) i << 3), param);
                    o.setLong((long) i << 3, Math.max(-max - 1, Math.min(max, r)));
                }
            } else {
                for (int i = 0; i < n; i++) {
                    o.setLong((long) i << 3, bits(x.getLong((long) i << 3), width));
                }
            }
        });
    }

    private double ofDouble(double v) {
        return switch (fn) {
            case ERF -> erf(v);
            case ERFC -> erfc(v);
            case ROUND_SIG_FIGS -> roundSigFigs(v, param);
            default -> throw PolaroidException.internal(fn + " is not a function of a double");
        };
    }

    /** The bit count {@code fn} of the low {@code width} bits of v. */
    private long bits(long v, int width) {
        long mask = width == 64 ? -1L : (1L << width) - 1;
        long low = v & mask;
        return switch (fn) {
            case BITWISE_COUNT_ONES -> Long.bitCount(low);
            case BITWISE_COUNT_ZEROS -> width - Long.bitCount(low);
            case BITWISE_LEADING_ZEROS -> Long.numberOfLeadingZeros(low) - (64 - width);
            case BITWISE_LEADING_ONES -> Long.numberOfLeadingZeros(~v & mask) - (64 - width);
            case BITWISE_TRAILING_ZEROS -> Math.min(width, Long.numberOfTrailingZeros(low));
            case BITWISE_TRAILING_ONES -> Math.min(width, Long.numberOfTrailingZeros(~low));
            default -> throw PolaroidException.internal(fn + " is not a bit count");
        };
    }

    static double erf(double v) {
        if (Double.isNaN(v)) {
            return v;
        }
        return Math.abs(v) < TINY ? v * TWO_OVER_SQRT_PI : Erf.erf(v);
    }

    static double erfc(double v) {
        if (Double.isNaN(v)) {
            return v;
        }
        return Math.abs(v) < TINY ? 1.0 - v * TWO_OVER_SQRT_PI : Erf.erfc(v);
    }

    /**
     * Polars' rounding to significant figures: v times 10 to the power {@code digits - 1 - floor(log10|v|)}
     * (by repeated squaring, as Rust's powi), rounded half away from zero, divided back; zero and
     * non-finite values stay, and so do values (subnormals) whose power of ten is beyond f64.
     */
    static double roundSigFigs(double v, int digits) {
        if (v == 0.0 || !Double.isFinite(v)) {
            return v;
        }
        double magnitude = powi(10.0, digits - 1 - (int) Math.floor(Math.log10(Math.abs(v))));
        double rounded = roundHalfAway(v * magnitude) / magnitude;
        return Double.isFinite(rounded) ? rounded : v; // a power of ten beyond f64 (subnormals) leaves v as it is
    }

    /** {@code base} to an integer power by repeated squaring, a negative power as the reciprocal. */
    static double powi(double base, int exponent) {
        boolean reciprocal = exponent < 0;
        long e = Math.abs((long) exponent);
        double result = 1.0;
        double b = base;
        while (true) {
            if ((e & 1) != 0) {
                result *= b;
            }
            e >>= 1;
            if (e == 0) {
                break;
            }
            b *= b;
        }
        return reciprocal ? 1.0 / result : result;
    }

    static double roundHalfAway(double v) {
        double a = Math.abs(v);
        double whole = Math.floor(a);
        if (a - whole >= 0.5) {
            whole += 1.0;
        }
        return Math.copySign(whole, v);
    }

    @Override
    public String toString() {
        return fn.symbol() + "(" + input + (fn == ScalarFn.ROUND_SIG_FIGS ? ", " + param : "") + ")";
    }
}
