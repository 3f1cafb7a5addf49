package io.polaroid.engine.io.csv;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Scalars;
import io.polaroid.engine.types.TimeUnit;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Values;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * The text CSV gets for a non-null value that is not a string: the form {@link CsvSource} reads
 * back to the same value. Floats print their shortest exact text with a fraction ({@code 1.0},
 * not {@code 1}), so a float column stays a float column; timestamps print as
 * {@code YYYY-MM-DD HH:MM:SS[.fff...]}, with the offset when they have a time zone.
 */
final class CsvTextFormat {
    /** Below this, an integral double prints in full rather than in E notation. */
    private static final double PLAIN_LIMIT = 1e15;

    private CsvTextFormat() {
    }

    /** Fails for the types CSV text has no form for. */
    static void checkWritable(DataType type) {
        if (type.kind() == TypeKind.INTERVAL) {
            throw PolaroidException.notSupported("writing an interval column to CSV");
        }
        if (type.kind() == TypeKind.BINARY) {
            // as Polars: "datatype binary cannot be written to CSV"
            throw PolaroidException.notSupported("writing a binary column to CSV: CSV has no form for bytes;"
                    + " use Parquet or Arrow IPC, or cast the column to str");
        }
        if (type.isNested()) {
            // as Polars: CSV has no form for nested data
            throw PolaroidException.notSupported("writing a " + (type.isList() ? "list" : "struct") + " column (" + type
                    + ") to CSV");
        }
    }

    static String format(FieldVector v, int row, DataType type) {
        ArrowBuf data = v.getDataBuffer();
        return switch (type.kind()) {
            case BOOL -> BitVectorHelper.get(data, row) != 0 ? "true" : "false";
            case INT8 -> Byte.toString(data.getByte(row));
            case INT16 -> Short.toString(data.getShort((long) row << 1));
            case INT32 -> Integer.toString(data.getInt((long) row << 2));
            case INT64 -> Long.toString(data.getLong((long) row << 3));
            case FLOAT32 -> formatFloat(data.getFloat((long) row << 2));
            case FLOAT64 -> formatDouble(data.getDouble((long) row << 3));
            case DATE32 -> LocalDate.ofEpochDay(data.getInt((long) row << 2)).toString();
            case TIMESTAMP -> formatTimestamp(data.getLong((long) row << 3), type.unit(), type.timeZone());
            case DECIMAL -> ((BigDecimal) Values.get(v, row, type)).toPlainString();
            case UTF8 -> Values.string(v, row);
            case DURATION, TIME -> io.polaroid.engine.types.Scalars.format(data.getLong((long) row << 3), type);
            case NULL, INTERVAL, LIST, STRUCT, BINARY -> throw PolaroidException.internal("no CSV text for a value of type " + type);
        };
    }

    static String formatDouble(double d) {
        if (d != 0 && d == Math.rint(d) && Math.abs(d) < PLAIN_LIMIT) {
            return (long) d + ".0";
        }
        return Double.toString(d);
    }

    private static String formatFloat(float f) {
        if (f != 0 && f == Math.rint(f) && Math.abs(f) < PLAIN_LIMIT) {
            return (long) f + ".0";
        }
        return Float.toString(f);
    }

    static String formatTimestamp(long value, TimeUnit unit, String timeZone) {
        Instant instant = Scalars.toInstant(value, unit);
        ZonedDateTime at = instant.atZone(timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone));
        LocalDateTime local = at.toLocalDateTime();
        StringBuilder sb = new StringBuilder(32).append(local.toLocalDate()).append(' ');
        twoDigits(sb, local.getHour()).append(':');
        twoDigits(sb, local.getMinute()).append(':');
        twoDigits(sb, local.getSecond());
        int nanos = local.getNano();
        if (nanos != 0) {
            int digits = switch (unit) {
                case SECOND -> 0;
                case MILLISECOND -> 3;
                case MICROSECOND -> 6;
                case NANOSECOND -> 9;
            };
            sb.append('.').append(Integer.toString(1_000_000_000 + nanos), 1, 1 + digits);
        }
        if (timeZone != null) {
            sb.append(at.getOffset().getId());
        }
        return sb.toString();
    }

    private static StringBuilder twoDigits(StringBuilder sb, int value) {
        return sb.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
