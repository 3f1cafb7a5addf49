package io.polaroid.engine.kernels;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Int128;
import io.polaroid.engine.vector.Vectors;
import java.math.BigInteger;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code left op right} for INT32, INT64, FLOAT64 and DECIMAL operands (the analyzer casts other
 * numeric types to one of these). Integers wrap on overflow and are null when divided by zero,
 * as in Polars; decimals fail on overflow, as in DuckDB. For DECIMAL, ADD/SUB/MOD operands share
 * the result scale and MUL operand scales add up to it.
 */
public record ArithmeticExpr(ScalarFn op, PhysicalExpr left, PhysicalExpr right, DataType type) implements PhysicalExpr {
    private static final BigInteger MAX_DECIMAL = BigInteger.TEN.pow(38);

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        try (Operand a = Operand.of(left, batch, allocator); Operand b = Operand.of(right, batch, allocator)) {
            FieldVector out = Vectors.allocate(type, "", n, allocator);
            try {
                long[] valid = new long[Bits.words(n)];
                for (int w = 0; w < valid.length; w++) {
                    valid[w] = a.validWord(w, n) & b.validWord(w, n);
                }
                ArrowBuf x = a.data();
                ArrowBuf y = b.data();
                ArrowBuf o = out.getDataBuffer();
                switch (type.kind()) {
                    case INT32 -> int32(x, a.mask, y, b.mask, o, n, valid);
                    case INT64 -> int64(x, a.mask, y, b.mask, o, n, valid);
                    case FLOAT64 -> float64(x, a.mask, y, b.mask, o, n);
                    case DECIMAL -> decimal(x, a.mask, y, b.mask, o, n, valid);
                    default -> throw PolaroidException.internal("arithmetic on " + type);
                }
                Bits.setValidity(out, valid, n);
                out.setValueCount(n);
                return out;
            } catch (RuntimeException | Error e) {
                out.close();
                throw e;
            }
        }
    }

    private void int32(ArrowBuf x, int am, ArrowBuf y, int bm, ArrowBuf o, int n, long[] valid) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    o.setInt((long) i << 2, x.getInt((long) (i & am) << 2) + y.getInt((long) (i & bm) << 2));
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    o.setInt((long) i << 2, x.getInt((long) (i & am) << 2) - y.getInt((long) (i & bm) << 2));
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    o.setInt((long) i << 2, x.getInt((long) (i & am) << 2) * y.getInt((long) (i & bm) << 2));
                }
            }
            case FLOORDIV, MOD -> {
                boolean div = op == ScalarFn.FLOORDIV;
                for (int i = 0; i < n; i++) {
                    int d = y.getInt((long) (i & bm) << 2);
                    if (d == 0) {
                        valid[i >>> 6] &= ~(1L << i);
                    } else {
                        int v = x.getInt((long) (i & am) << 2);
                        o.setInt((long) i << 2, div ? Math.floorDiv(v, d) : Math.floorMod(v, d));
                    }
                }
            }
            default -> throw PolaroidException.internal(op + " on i32");
        }
    }

    private void int64(ArrowBuf x, int am, ArrowBuf y, int bm, ArrowBuf o, int n, long[] valid) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    o.setLong((long) i << 3, x.getLong((long) (i & am) << 3) + y.getLong((long) (i & bm) << 3));
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    o.setLong((long) i << 3, x.getLong((long) (i & am) << 3) - y.getLong((long) (i & bm) << 3));
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    o.setLong((long) i << 3, x.getLong((long) (i & am) << 3) * y.getLong((long) (i & bm) << 3));
                }
            }
            case FLOORDIV, MOD -> {
                boolean div = op == ScalarFn.FLOORDIV;
                for (int i = 0; i < n; i++) {
                    long d = y.getLong((long) (i & bm) << 3);
                    if (d == 0) {
                        valid[i >>> 6] &= ~(1L << i);
                    } else {
                        long v = x.getLong((long) (i & am) << 3);
                        o.setLong((long) i << 3, div ? Math.floorDiv(v, d) : Math.floorMod(v, d));
                    }
                }
            }
            default -> throw PolaroidException.internal(op + " on i64");
        }
    }

    private void float64(ArrowBuf x, int am, ArrowBuf y, int bm, ArrowBuf o, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    o.setDouble((long) i << 3, x.getDouble((long) (i & am) << 3) + y.getDouble((long) (i & bm) << 3));
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    o.setDouble((long) i << 3, x.getDouble((long) (i & am) << 3) - y.getDouble((long) (i & bm) << 3));
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    o.setDouble((long) i << 3, x.getDouble((long) (i & am) << 3) * y.getDouble((long) (i & bm) << 3));
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    o.setDouble((long) i << 3, x.getDouble((long) (i & am) << 3) / y.getDouble((long) (i & bm) << 3));
                }
            }
            case FLOORDIV -> {
                for (int i = 0; i < n; i++) {
                    o.setDouble((long) i << 3, Math.floor(x.getDouble((long) (i & am) << 3) / y.getDouble((long) (i & bm) << 3)));
                }
            }
            case MOD -> {
                for (int i = 0; i < n; i++) {
                    double v = x.getDouble((long) (i & am) << 3);
                    double d = y.getDouble((long) (i & bm) << 3);
                    o.setDouble((long) i << 3, v - d * Math.floor(v / d));
                }
            }
            default -> throw PolaroidException.internal(op + " on f64");
        }
    }

    private void decimal(ArrowBuf x, int am, ArrowBuf y, int bm, ArrowBuf o, int n, long[] valid) {
        DataType lt = left.type();
        DataType rt = right.type();
        if (lt.isLongDecimal() && rt.isLongDecimal() && type.isLongDecimal()) {
            decimalLong(x, am, y, bm, o, n, valid);
        } else {
            decimalWide(x, am, y, bm, o, n, valid);
        }
    }

    /**
     * All of left, right and result fit in a long: exact long arithmetic. The fast loop ignores
     * validity; if it overflows, the careful loop runs, which fails only for a row that is valid
     * (a null row may hold any bits).
     */
    private void decimalLong(ArrowBuf x, int am, ArrowBuf y, int bm, ArrowBuf o, int n, long[] valid) {
        try {
            if (op == ScalarFn.MOD) {
                decimalLongLoop(x, am, y, bm, o, n, valid, false);
            } else {
                decimalLongFast(x, am, y, bm, o, n);
            }
        } catch (ArithmeticException e) {
            decimalLongLoop(x, am, y, bm, o, n, valid, true);
        }
    }

    /** One tight loop per operator, overflow-checked, ignoring validity (the careful loop redoes it on overflow). */
    private void decimalLongFast(ArrowBuf x, int am, ArrowBuf y, int bm, ArrowBuf o, int n) {
        long limit = Int128.powerOfTen(type.precision());
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    long r = Math.addExact(x.getLong((long) (i & am) << 4), y.getLong((long) (i & bm) << 4));
                    store(o, i, r, limit);
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    long r = Math.subtractExact(x.getLong((long) (i & am) << 4), y.getLong((long) (i & bm) << 4));
                    store(o, i, r, limit);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    long r = Math.multiplyExact(x.getLong((long) (i & am) << 4), y.getLong((long) (i & bm) << 4));
                    store(o, i, r, limit);
                }
            }
        }
    }

    private static void store(ArrowBuf o, int i, long r, long limit) {
        if (r >= limit || r <= -limit) {
            throw new ArithmeticException("precision");
        }
        o.setLong((long) i << 4, r);
        o.setLong(((long) i << 4) + 8, r >> 63);
    }

    private void decimalLongLoop(ArrowBuf x, int am, ArrowBuf y, int bm, ArrowBuf o, int n, long[] valid,
                                 boolean careful) {
        long limit = Int128.powerOfTen(type.precision());
        for (int i = 0; i < n; i++) {
            if (careful && !isValid(valid, i)) {
                continue;
            }
            long v = x.getLong((long) (i & am) << 4);
            long d = y.getLong((long) (i & bm) << 4);
            long r;
            try {
                switch (op) {
                    case ADD -> r = Math.addExact(v, d);
                    case SUB -> r = Math.subtractExact(v, d);
                    case MUL -> r = Math.multiplyExact(v, d);
                    case MOD -> {
                        if (d == 0) {
                            valid[i >>> 6] &= ~(1L << i);
                            continue;
                        }
                        r = Math.floorMod(v, d);
                    }
                    default -> throw PolaroidException.internal(op + " on decimals");
                }
            } catch (ArithmeticException e) {
                if (careful) {
                    throw overflow();
                }
                throw e;
            }
            if (r >= limit || r <= -limit) {
                if (careful) {
                    throw overflow();
                }
                throw new ArithmeticException("precision");
            }
            o.setLong((long) i << 4, r);
            o.setLong(((long) i << 4) + 8, r >> 63);
        }
    }

    /** 128-bit decimals: carry arithmetic, with BigInteger when a product does not fit. */
    private void decimalWide(ArrowBuf x, int am, ArrowBuf y, int bm, ArrowBuf o, int n, long[] valid) {
        for (int i = 0; i < n; i++) {
            long aLo = x.getLong((long) (i & am) << 4);
            long aHi = x.getLong(((long) (i & am) << 4) + 8);
            long bLo = y.getLong((long) (i & bm) << 4);
            long bHi = y.getLong(((long) (i & bm) << 4) + 8);
            long lo;
            long hi;
            switch (op) {
                case ADD -> {
                    lo = aLo + bLo;
                    hi = Int128.addHigh(aLo, aHi, bLo, bHi);
                }
                case SUB -> {
                    long nLo = -bLo;
                    long nHi = ~bHi + (bLo == 0 ? 1 : 0);
                    lo = aLo + nLo;
                    hi = Int128.addHigh(aLo, aHi, nLo, nHi);
                }
                case MUL -> {
                    if (Int128.fitsInLong(aLo, aHi) && Int128.fitsInLong(bLo, bHi)) {
                        lo = aLo * bLo;
                        hi = Math.multiplyHigh(aLo, bLo);
                    } else {
                        BigInteger r = Int128.toBigInteger(aLo, aHi).multiply(Int128.toBigInteger(bLo, bHi));
                        if (r.abs().compareTo(MAX_DECIMAL) >= 0) {
                            if (isValid(valid, i)) {
                                throw overflow();
                            }
                            r = BigInteger.ZERO;
                        }
                        lo = r.longValue();
                        hi = r.shiftRight(64).longValue();
                    }
                }
                case MOD -> {
                    BigInteger d = Int128.toBigInteger(bLo, bHi);
                    if (d.signum() == 0) {
                        valid[i >>> 6] &= ~(1L << i);
                        continue;
                    }
                    BigInteger v = Int128.toBigInteger(aLo, aHi);
                    BigInteger r = v.mod(d.abs());
                    if (d.signum() < 0 && r.signum() != 0) {
                        r = r.add(d);
                    }
                    lo = r.longValue();
                    hi = r.shiftRight(64).longValue();
                }
                default -> throw PolaroidException.internal(op + " on decimals");
            }
            o.setLong((long) i << 4, lo);
            o.setLong(((long) i << 4) + 8, hi);
        }
    }

    private static boolean isValid(long[] valid, int i) {
        return (valid[i >>> 6] & (1L << i)) != 0;
    }

    private PolaroidException overflow() {
        return new PolaroidException(ErrorCode.INVALID_VALUE, "decimal overflow in " + this
                + ": a result does not fit in " + type);
    }

    @Override
    public String toString() {
        return "(" + left + " " + op.symbol() + " " + right + ")";
    }
}
