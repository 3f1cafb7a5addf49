package io.polaroid.engine.sql;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Interval;
import io.polaroid.engine.types.Scalars;
import io.polaroid.engine.types.TimeUnit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * SQL literals as the engine's literals, typed as DuckDB types them: whole numbers adapt to the
 * column they meet, {@code 0.25} is a decimal(3, 2), {@code 1e3} a double; dates and timestamps
 * use the engine's one representation, intervals are months, days and nanoseconds.
 */
final class SqlLiterals {
    private SqlLiterals() {
    }

    static Expr literal(SqlLiteral lit) {
        if (lit instanceof org.apache.calcite.sql.SqlUnknownLiteral u) {
            // Babel keeps DATE '...' and its kin unresolved: the tag names the type
            String text = u.getValueAs(String.class);
            switch (u.tag.toUpperCase(Locale.ROOT)) {
                case "DATE":
                    return Expr.Literal.of(Scalars.parseDate(text.trim()), DataType.DATE32);
                case "TIMESTAMP":
                    return Expr.Literal.of(Scalars.parseTimestamp(text.trim(), TimeUnit.MICROSECOND, null),
                            DataType.timestamp(TimeUnit.MICROSECOND, null));
                default:
                    throw PolaroidException.notSupported("the SQL literal " + u.tag + " '" + text + "'");
            }
        }
        SqlTypeName type = lit.getTypeName();
        switch (type) {
            case NULL:
                return Expr.Literal.of(null, DataType.NULL);
            case BOOLEAN:
                return Expr.Literal.of(lit.booleanValue(), DataType.BOOL);
            case CHAR:
            case VARCHAR:
                return Expr.Literal.of(lit.getValueAs(String.class), DataType.UTF8);
            case DECIMAL:
            case DOUBLE:
            case REAL:
            case FLOAT:
            case INTEGER:
            case BIGINT:
                return number((SqlNumericLiteral) lit);
            case DATE:
                return Expr.Literal.of(Scalars.parseDate(lit.toValue()), DataType.DATE32);
            case TIMESTAMP:
                return Expr.Literal.of(Scalars.parseTimestamp(lit.toValue(), TimeUnit.MICROSECOND, null),
                        DataType.timestamp(TimeUnit.MICROSECOND, null));
            default:
                if (lit instanceof SqlIntervalLiteral interval) {
                    return interval(interval);
                }
                if (type == SqlTypeName.BINARY) {
                    return Expr.Literal.of(io.polaroid.engine.types.Bytes.of(
                            ((org.apache.calcite.avatica.util.ByteString) lit.getValue()).getBytes()), DataType.BINARY);
                }
                throw PolaroidException.notSupported("the SQL literal " + lit + " (" + type + ")");
        }
    }

    private static Expr number(SqlNumericLiteral n) {
        BigDecimal v = n.getValueAs(BigDecimal.class);
        if (!n.isExact()) {
            return new Expr.Literal(v.doubleValue(), DataType.FLOAT64, true);
        }
        if (v.scale() <= 0) {
            try {
                long l = v.longValueExact();
                return new Expr.Literal(l, l == (int) l ? DataType.INT32 : DataType.INT64, true);
            } catch (ArithmeticException tooBig) {
                // a whole number beyond 64 bits is a decimal, as in DuckDB
            }
        }
        int scale = Math.max(v.scale(), 0);
        int precision = Math.max(v.precision(), scale);
        if (precision > DataType.MAX_DECIMAL_PRECISION) {
            return new Expr.Literal(v.doubleValue(), DataType.FLOAT64, true);
        }
        return Expr.Literal.of(v.setScale(scale), DataType.decimal(precision, scale));
    }

    /** {@code INTERVAL '3' MONTH}, {@code INTERVAL '90' DAY}, {@code INTERVAL '1-2' YEAR TO MONTH}, ... */
    private static Expr interval(SqlIntervalLiteral lit) {
        SqlIntervalLiteral.IntervalValue v = lit.getValueAs(SqlIntervalLiteral.IntervalValue.class);
        TimeUnitRange range = v.getIntervalQualifier().timeUnitRange;
        int sign = v.getSign();
        String text = v.getIntervalLiteral().trim();
        try {
            long[] parts = parts(text);
            Interval interval = switch (range) {
                case YEAR -> new Interval(Math.toIntExact(sign * parts[0] * 12), 0, 0);
                case YEAR_TO_MONTH -> new Interval(Math.toIntExact(sign * (parts[0] * 12 + at(parts, 1))), 0, 0);
                case MONTH -> new Interval(Math.toIntExact(sign * parts[0]), 0, 0);
                case QUARTER -> new Interval(Math.toIntExact(sign * parts[0] * 3), 0, 0);
                case WEEK -> new Interval(0, Math.toIntExact(sign * parts[0] * 7), 0);
                case DAY -> new Interval(0, Math.toIntExact(sign * parts[0]), 0);
                case HOUR -> new Interval(0, 0, sign * parts[0] * 3_600_000_000_000L);
                case MINUTE -> new Interval(0, 0, sign * parts[0] * 60_000_000_000L);
                case SECOND -> new Interval(0, 0, sign * seconds(text));
                default -> throw PolaroidException.notSupported("the interval qualifier " + range
                        + "; write intervals with one unit, as INTERVAL '3' DAY");
            };
            return Expr.Literal.of(interval, DataType.INTERVAL);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new PolaroidException(ErrorCode.PARSE_ERROR, "interval '" + text + "' " + range.toString().toLowerCase(Locale.ROOT)
                    + " is not a valid interval: " + e.getMessage());
        }
    }

    private static long[] parts(String text) {
        String[] raw = text.split("[^0-9.]+");
        long[] out = new long[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = raw[i].isEmpty() ? 0 : (long) Double.parseDouble(raw[i]);
        }
        return out;
    }

    private static long at(long[] parts, int i) {
        return i < parts.length ? parts[i] : 0;
    }

    private static long seconds(String text) {
        return new BigDecimal(text).movePointRight(9).longValueExact();
    }

    /** {@code date ± interval} of two literals, folded to a date as DuckDB would compute it (null when not both literals). */
    static Expr foldDateArithmetic(Expr left, Expr right, boolean plus) {
        if (left instanceof Expr.Literal d && d.type().equals(DataType.DATE32) && d.value() instanceof Integer days
                && right instanceof Expr.Literal i && i.value() instanceof Interval interval && interval.nanos() == 0) {
            int sign = plus ? 1 : -1;
            LocalDate date = LocalDate.ofEpochDay(days).plusMonths((long) sign * interval.months())
                    .plusDays((long) sign * interval.days());
            return Expr.Literal.of((int) date.toEpochDay(), DataType.DATE32);
        }
        return null;
    }
}
