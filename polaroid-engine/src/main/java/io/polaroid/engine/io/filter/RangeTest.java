package io.polaroid.engine.io.filter;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.DataType;
import java.math.BigDecimal;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code low <= column <= high} on an integer-like column: integers, dates, times, timestamps,
 * durations, and decimals of up to 18 digits as their unscaled longs. Bounds are inclusive (a
 * strict comparison is made inclusive when the test is built). A reader can run it once per
 * dictionary entry instead of on every row. A null never passes.
 */
public final class RangeTest implements ColumnTest {
    private final String column;
    private final DataType type;
    private final long low;
    private final long high;

    public RangeTest(String column, DataType type, long low, long high) {
        if (!applies(type)) {
            throw new IllegalArgumentException(type + " is not integer-like");
        }
        this.column = column;
        this.type = type;
        this.low = low;
        this.high = high;
    }

    /** Whether a range test can be built on a column of this type. */
    public static boolean applies(DataType type) {
        return switch (type.kind()) {
            case INT8, INT16, INT32, INT64, DATE32, TIMESTAMP, DURATION, TIME -> true;
            case DECIMAL -> type.isLongDecimal();
            default -> false;
        };
    }

    /**
     * The test {@code column op literal} (either way round, op one of = < <= > >=) amounts to,
     * or null when the conjunct is not one on an integer-like column.
     */
    public static RangeTest of(BoundExpr conjunct) {
        Comparison c = Comparison.of(conjunct);
        if (c == null || !applies(c.column().type())) {
            return null;
        }
        BoundExpr.ColumnRef col = c.column();
        long v = literalAsLong(c.literal().value());
        return switch (c.fn()) {
            case EQ -> new RangeTest(col.name(), col.type(), v, v);
            case LT -> v == Long.MIN_VALUE ? empty(col) : new RangeTest(col.name(), col.type(), Long.MIN_VALUE, v - 1);
            case LE -> new RangeTest(col.name(), col.type(), Long.MIN_VALUE, v);
            case GT -> v == Long.MAX_VALUE ? empty(col) : new RangeTest(col.name(), col.type(), v + 1, Long.MAX_VALUE);
            case GE -> new RangeTest(col.name(), col.type(), v, Long.MAX_VALUE);
            default -> null;
        };
    }

    /** {@code column fn literal}, a comparison with the column first and a non-null literal. */
    public record Comparison(BoundExpr.ColumnRef column, ScalarFn fn, BoundExpr.Literal literal) {
        /** The conjunct as a comparison of a column with a literal (either way round), or null. */
        public static Comparison of(BoundExpr conjunct) {
            if (!(conjunct instanceof BoundExpr.Call call) || !call.fn().isComparison() || call.args().size() != 2) {
                return null;
            }
            ScalarFn fn = call.fn();
            BoundExpr a = call.args().get(0);
            BoundExpr b = call.args().get(1);
            if (a instanceof BoundExpr.Literal) {
                BoundExpr t = a;
                a = b;
                b = t;
                fn = fn.flip();
            }
            if (!(a instanceof BoundExpr.ColumnRef col) || !(b instanceof BoundExpr.Literal lit) || lit.value() == null) {
                return null;
            }
            return new Comparison(col, fn, lit);
        }
    }

    private static RangeTest empty(BoundExpr.ColumnRef col) {
        return new RangeTest(col.name(), col.type(), 1, 0);
    }

    /** A literal of an integer-like or narrow decimal type as the long the column holds. */
    public static long literalAsLong(Object v) {
        if (v instanceof BigDecimal d) {
            return d.unscaledValue().longValueExact();
        }
        if (v instanceof Integer i) {
            return i;
        }
        return (Long) v;
    }

    /** Both tests, of the same column. */
    public RangeTest and(RangeTest other) {
        if (!other.column.equals(column)) {
            throw new IllegalArgumentException("tests of " + column + " and " + other.column);
        }
        return new RangeTest(column, type, Math.max(low, other.low), Math.min(high, other.high));
    }

    @Override
    public String column() {
        return column;
    }

    public long low() {
        return low;
    }

    public long high() {
        return high;
    }

    public boolean test(long value) {
        return value >= low & value <= high;
    }

    @Override
    public void andTest(FieldVector v, int n, long[] pass, int at) {
        ArrowBuf x = v.getDataBuffer();
        for (int i = 0; i < n; i++) {
            if (!test(value(x, i)) || v.isNull(i)) {
                int r = at + i;
                pass[r >>> 6] &= ~(1L << r);
            }
        }
    }

    /** Value {@code i} of a data buffer of this test's type, as a long. */
    public long value(ArrowBuf x, int i) {
        return valueAt(type, x, i);
    }

    /** Value {@code i} of a data buffer of an integer-like type ({@link #applies}), as a long. */
    public static long valueAt(DataType type, ArrowBuf x, int i) {
        return switch (type.kind()) {
            case INT8 -> x.getByte(i);
            case INT16 -> x.getShort((long) i << 1);
            case INT32, DATE32 -> x.getInt((long) i << 2);
            case DECIMAL -> x.getLong((long) i << 4);
            default -> x.getLong((long) i << 3);
        };
    }

    @Override
    public byte[] verdicts(FieldVector dictionary, int size) {
        byte[] out = new byte[size];
        ArrowBuf x = dictionary.getDataBuffer();
        for (int i = 0; i < size; i++) {
            out[i] = (byte) (test(value(x, i)) ? 1 : 0);
        }
        return out;
    }

    @Override
    public String toString() {
        return low + " <= " + column + " <= " + high;
    }
}
