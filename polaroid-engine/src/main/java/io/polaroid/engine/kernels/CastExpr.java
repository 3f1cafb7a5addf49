package io.polaroid.engine.kernels;

import io.polaroid.engine.types.Casts;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Int128;
import io.polaroid.engine.vector.Values;
import io.polaroid.engine.vector.Vectors;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Conversion to {@code type}. The conversions that coercion inserts into hot loops (widening
 * integers, integers and decimals to float64, decimal rescaling, dates to timestamps) have tight
 * loops; every other one goes value by value through {@link Casts#convert}, which defines them.
 */
public record CastExpr(PhysicalExpr input, DataType type, boolean strict, String column) implements PhysicalExpr {

    public CastExpr(PhysicalExpr input, DataType type, boolean strict) {
        this(input, type, strict, null);
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        DataType from = input.type();
        FieldVector in = input.eval(batch, allocator);
        if (from.equals(type)) {
            return in;
        }
        try (in) {
            int n = batch.rowCount();
            if (BinaryTextCast.applies(from, type)) {
                return BinaryTextCast.cast(in, type, input, n, allocator);
            }
            FieldVector out = Vectors.allocate(type, "", n, allocator);
            try {
                ConversionFailures failures = new ConversionFailures(from, type, column == null ? input.toString() : column);
                if (!fastPath(in, from, out, n, failures)) {
                    for (int i = 0; i < n; i++) {
                        Object v = Values.get(in, i, from);
                        Object converted = Casts.convert(v, from, type, false);
                        if (v != null && converted == null) {
                            failures.add(v);
                        }
                        Values.set(out, i, converted, type);
                    }
                }
                if (strict) {
                    failures.throwIfAny(n);
                }
                out.setValueCount(n);
                return out;
            } catch (RuntimeException | Error e) {
                out.close();
                throw e;
            }
        }
    }

    private boolean fastPath(FieldVector in, DataType from, FieldVector out, int n, ConversionFailures failures) {
        if (from.kind() == TypeKind.NULL) {
            return true;
        }
        // Validity first: fast loops may clear bits; the slow path rewrites every bit itself.
        Bits.copyValidity(in, out, n);
        ArrowBuf x = in.getDataBuffer();
        ArrowBuf o = out.getDataBuffer();
        TypeKind f = from.kind();
        TypeKind t = type.kind();
        if (t == TypeKind.INT64 && (f == TypeKind.INT32 || f == TypeKind.DATE32)) {
            for (int i = 0; i < n; i++) {
                o.setLong((long) i << 3, x.getInt((long) i << 2));
            }
        } else if (t == TypeKind.INT32 && f == TypeKind.INT16) {
            for (int i = 0; i < n; i++) {
                o.setInt((long) i << 2, x.getShort((long) i << 1));
            }
        } else if (t == TypeKind.INT32 && f == TypeKind.INT8) {
            for (int i = 0; i < n; i++) {
                o.setInt((long) i << 2, x.getByte(i));
            }
        } else if (t == TypeKind.INT64 && f == TypeKind.INT16) {
            for (int i = 0; i < n; i++) {
                o.setLong((long) i << 3, x.getShort((long) i << 1));
            }
        } else if (t == TypeKind.INT64 && f == TypeKind.INT8) {
            for (int i = 0; i < n; i++) {
                o.setLong((long) i << 3, x.getByte(i));
            }
        } else if (t == TypeKind.FLOAT64 && f == TypeKind.INT32) {
            for (int i = 0; i < n; i++) {
                o.setDouble((long) i << 3, x.getInt((long) i << 2));
            }
        } else if (t == TypeKind.FLOAT64 && f == TypeKind.INT64) {
            for (int i = 0; i < n; i++) {
                o.setDouble((long) i << 3, (double) x.getLong((long) i << 3));
            }
        } else if (t == TypeKind.FLOAT64 && f == TypeKind.FLOAT32) {
            for (int i = 0; i < n; i++) {
                o.setDouble((long) i << 3, x.getFloat((long) i << 2));
            }
        } else if (t == TypeKind.FLOAT64 && f == TypeKind.DECIMAL) {
            double divisor = Math.pow(10, from.scale());
            for (int i = 0; i < n; i++) {
                long lo = x.getLong((long) i << 4);
                long hi = x.getLong(((long) i << 4) + 8);
                double unscaled = Int128.fitsInLong(lo, hi) ? (double) lo : Int128.toBigInteger(lo, hi).doubleValue();
                o.setDouble((long) i << 3, unscaled / divisor);
            }
        } else if (t == TypeKind.DECIMAL && f == TypeKind.DECIMAL && type.scale() >= from.scale()
                && type.isLongDecimal() && from.isLongDecimal()) {
            rescaleUp(x, o, n, Int128.powerOfTen(type.scale() - from.scale()), Int128.powerOfTen(type.precision()), 16, in, out,
                    failures);
        } else if (t == TypeKind.DECIMAL && f == TypeKind.DECIMAL && type.scale() >= from.scale()
                && !type.isLongDecimal() && type.scale() - from.scale() <= 18
                && 19 + type.scale() - from.scale() <= type.precision()) {
            return widenToDecimal128(x, o, n, type.scale() - from.scale());
        } else if (t == TypeKind.DECIMAL && (f == TypeKind.INT32 || f == TypeKind.INT64) && type.isLongDecimal()) {
            int width = f == TypeKind.INT32 ? 4 : 8;
            rescaleUp(x, o, n, Int128.powerOfTen(type.scale()), Int128.powerOfTen(type.precision()), width, in, out, failures);
        } else if (sameCounts(from, type)) {
            o.setBytes(0, x, 0, (long) n << 3);
        } else if (t == TypeKind.TIMESTAMP && f == TypeKind.DATE32) {
            long perDay = type.unit().perDay();
            for (int i = 0; i < n; i++) {
                o.setLong((long) i << 3, x.getInt((long) i << 2) * perDay);
            }
        } else {
            return false;
        }
        return true;
    }

    /** A cast that keeps every 64-bit count: integers to and from datetimes, durations and times, or a datetime's zone. */
    private static boolean sameCounts(DataType from, DataType to) {
        boolean fromCount = isCount(from.kind());
        boolean toCount = isCount(to.kind());
        if (from.kind() == TypeKind.INT64 || to.kind() == TypeKind.INT64) {
            return fromCount && toCount;
        }
        return from.kind() == TypeKind.TIMESTAMP && to.kind() == TypeKind.TIMESTAMP && from.unit() == to.unit();
    }

    private static boolean isCount(TypeKind k) {
        return k == TypeKind.INT64 || k == TypeKind.TIMESTAMP || k == TypeKind.DURATION || k == TypeKind.TIME;
    }

    /**
     * Decimals into a wide decimal of {@code digits} more scale, where every value of the batch
     * fits in a long: each times 10^digits as a 128-bit product, which cannot pass the target's
     * precision (at least 19 + digits). False, nothing decided, when a value does not fit.
     */
    private static boolean widenToDecimal128(ArrowBuf x, ArrowBuf o, int n, int digits) {
        for (int i = 0; i < n; i++) {
            if (!Int128.fitsInLong(x.getLong((long) i << 4), x.getLong(((long) i << 4) + 8))) {
                return false;
            }
        }
        long factor = Int128.powerOfTen(digits);
        for (int i = 0; i < n; i++) {
            long v = x.getLong((long) i << 4);
            o.setLong((long) i << 4, v * factor);
            o.setLong(((long) i << 4) + 8, Math.multiplyHigh(v, factor));
        }
        return true;
    }

    /** Unscaled long values times {@code factor} into decimal128; null past the precision (a failure when strict). */
    private void rescaleUp(ArrowBuf x, ArrowBuf o, int n, long factor, long limit, int inWidth, FieldVector in,
                           FieldVector out, ConversionFailures failures) {
        for (int i = 0; i < n; i++) {
            long v = switch (inWidth) {
                case 4 -> x.getInt((long) i << 2);
                case 8 -> x.getLong((long) i << 3);
                default -> x.getLong((long) i << 4);
            };
            long r = v * factor;
            boolean overflow = Math.multiplyHigh(v, factor) != (r >> 63) || r >= limit || r <= -limit;
            if (overflow && !in.isNull(i)) {
                failures.add(Values.get(in, i, input.type()));
                r = 0;
                org.apache.arrow.vector.BitVectorHelper.unsetBit(out.getValidityBuffer(), i);
            }
            o.setLong((long) i << 4, r);
            o.setLong(((long) i << 4) + 8, r >> 63);
        }
    }

    @Override
    public String toString() {
        return "cast(" + input + " AS " + type + ")";
    }
}
