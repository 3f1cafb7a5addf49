package io.polaroid.engine.dsl.parse;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Scalars;
import io.polaroid.engine.types.TimeUnit;
import java.math.BigInteger;

/**
 * Turns literal tokens into the same {@link Expr.Literal} values the Java API and the plan codec
 * build: numbers are dynamic (they take the width of the column they meet, as in Polars), dates and
 * timestamps use the engine's one representation from {@link Scalars}.
 */
final class SqlLiterals {
    static final DataType TIMESTAMP = DataType.timestamp(TimeUnit.MICROSECOND, null);

    private static final BigInteger MIN_LONG = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

    private SqlLiterals() {
    }

    /**
     * An INTEGER or FLOAT token, negated here rather than after conversion so that the smallest
     * long ({@code -9223372036854775808}) can be written although its magnitude does not fit.
     */
    static Expr.Literal number(TokenStream in, Token t, boolean negative) {
        if (t.kind() == Token.Kind.FLOAT) {
            double d = Double.parseDouble(t.text());
            if (Double.isInfinite(d)) {
                throw in.fail(t, "a number within the range of a 64-bit float");
            }
            return floating(negative ? -d : d);
        }
        BigInteger v = new BigInteger(t.text());
        if (negative) {
            v = v.negate();
        }
        if (v.compareTo(MIN_LONG) < 0 || v.compareTo(MAX_LONG) > 0) {
            throw in.fail(t, "an integer that fits in 64 bits");
        }
        return integer(v.longValue());
    }

    /** A dynamic integer: INT32 when the value fits, as the codec decodes it. */
    static Expr.Literal integer(long v) {
        return new Expr.Literal(v, v == (int) v ? DataType.INT32 : DataType.INT64, true);
    }

    static Expr.Literal floating(double v) {
        return new Expr.Literal(v, DataType.FLOAT64, true);
    }

    /** {@code date 'YYYY-MM-DD'}; {@code text} is the string token. */
    static Expr.Literal date(TokenStream in, Token text) {
        try {
            return Expr.Literal.of(Scalars.parseDate(text.value()), DataType.DATE32);
        } catch (PolaroidException e) {
            throw in.fail(text, "a date as 'YYYY-MM-DD'");
        }
    }

    /** {@code timestamp 'YYYY-MM-DD HH:MM:SS[.f]'}, in microseconds without a time zone. */
    static Expr.Literal timestamp(TokenStream in, Token text) {
        try {
            return Expr.Literal.of(Scalars.parseTimestamp(text.value(), TimeUnit.MICROSECOND, null), TIMESTAMP);
        } catch (PolaroidException e) {
            throw in.fail(text, "a timestamp as 'YYYY-MM-DD HH:MM:SS[.f]'");
        }
    }
}
