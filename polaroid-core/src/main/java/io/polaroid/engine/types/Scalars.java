package io.polaroid.engine.types;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * One Java representation per type, used for literals and single values everywhere in the engine:
 * BOOL Boolean; INT8..INT64 Long; FLOAT32/64 Double; UTF8 String; DATE32 Integer (days since
 * 1970-01-01); TIMESTAMP Long (in the type's unit, UTC); DECIMAL BigDecimal with the type's scale;
 * INTERVAL {@link Interval}; DURATION Long (in the type's unit); TIME Long (nanoseconds since midnight);
 * BINARY {@link Bytes} (byte[] for users); null for null.
 */
public final class Scalars {
    private Scalars() {
    }

    /** Converts a user-facing Java value to the engine representation and infers its type. */
    public static DataType inferType(Object value) {
        if (value == null) {
            return DataType.NULL;
        }
        if (value instanceof Boolean) {
            return DataType.BOOL;
        }
        if (value instanceof Byte) {
            return DataType.INT8;
        }
        if (value instanceof Short) {
            return DataType.INT16;
        }
        if (value instanceof Integer) {
            return DataType.INT32;
        }
        if (value instanceof Long) {
            return DataType.INT64;
        }
        if (value instanceof Float) {
            return DataType.FLOAT32;
        }
        if (value instanceof Double) {
            return DataType.FLOAT64;
        }
        if (value instanceof String) {
            return DataType.UTF8;
        }
        if (value instanceof byte[] || value instanceof Bytes) {
            return DataType.BINARY;
        }
        if (value instanceof LocalDate) {
            return DataType.DATE32;
        }
        if (value instanceof LocalDateTime) {
            return DataType.timestamp(TimeUnit.MICROSECOND, null);
        }
        if (value instanceof Instant) {
            return DataType.timestamp(TimeUnit.MICROSECOND, "UTC");
        }
        if (value instanceof BigDecimal d) {
            return decimalTypeOf(d);
        }
        if (value instanceof Interval) {
            return DataType.INTERVAL;
        }
        if (value instanceof java.time.Duration) {
            return DataType.duration(TimeUnit.MICROSECOND);
        }
        if (value instanceof java.time.LocalTime) {
            return DataType.TIME;
        }
        throw PolaroidException.notSupported("a literal of Java type " + value.getClass().getName());
    }

    /** The narrowest decimal type that holds {@code d} exactly. */
    public static DataType decimalTypeOf(BigDecimal d) {
        int scale = Math.max(d.scale(), 0);
        BigDecimal scaled = d.setScale(scale, RoundingMode.UNNECESSARY);
        int precision = Math.max(scaled.precision(), scale + (scaled.abs().compareTo(BigDecimal.ONE) < 0 ? 1 : 0));
        precision = Math.max(precision, 1);
        if (precision > DataType.MAX_DECIMAL_PRECISION) {
            throw new PolaroidException(ErrorCode.INVALID_VALUE, "decimal " + d + " has more than 38 digits");
        }
        return DataType.decimal(precision, scale);
    }

    /** Converts a user-facing Java value (as accepted by {@link #inferType}) to the engine representation. */
    public static Object normalize(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Long || value instanceof Double
                || value instanceof String || value instanceof Interval || value instanceof Bytes) {
            return value;
        }
        if (value instanceof byte[] b) {
            return Bytes.of(b);
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof LocalDate d) {
            return (int) d.toEpochDay();
        }
        if (value instanceof LocalDateTime t) {
            Instant i = t.toInstant(ZoneOffset.UTC);
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000L);
        }
        if (value instanceof Instant i) {
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000L);
        }
        if (value instanceof BigDecimal d) {
            return d.setScale(Math.max(d.scale(), 0), RoundingMode.UNNECESSARY);
        }
        if (value instanceof java.time.Duration d) {
            return Durations.toUnit(d, TimeUnit.MICROSECOND);
        }
        if (value instanceof java.time.LocalTime t) {
            return t.toNanoOfDay();
        }
        throw PolaroidException.notSupported("a literal of Java type " + value.getClass().getName());
    }

    /** The user-facing Java value of an engine value: LocalDate for dates, LocalDateTime/Instant for timestamps. */
    public static Object toJava(Object value, DataType type) {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case INT8 -> ((Long) value).byteValue();
            case INT16 -> ((Long) value).shortValue();
            case INT32 -> ((Long) value).intValue();
            case FLOAT32 -> ((Double) value).floatValue();
            case DATE32 -> LocalDate.ofEpochDay((Integer) value);
            case TIMESTAMP -> {
                Instant instant = toInstant((Long) value, type.unit());
                yield type.timeZone() == null ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : instant;
            }
            case LIST -> ((java.util.List<?>) value).stream().map(v -> toJava(v, type.element())).toList();
            case STRUCT -> {
                // the engine holds a struct value as a list of its field values in field order; users get a map
                java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
                java.util.List<?> values = (java.util.List<?>) value;
                for (int f = 0; f < values.size(); f++) {
                    fields.put(type.fields().get(f).name(), toJava(values.get(f), type.fields().get(f).type()));
                }
                yield fields;
            }
            case DURATION -> Durations.toJava((Long) value, type.unit());
            case TIME -> java.time.LocalTime.ofNanoOfDay((Long) value);
            case BINARY -> ((Bytes) value).toArray();
            default -> value;
        };
    }

    public static Instant toInstant(long value, TimeUnit unit) {
        long perSecond = unit.perSecond();
        long seconds = Math.floorDiv(value, perSecond);
        long fraction = Math.floorMod(value, perSecond);
        return Instant.ofEpochSecond(seconds, fraction * (1_000_000_000L / perSecond));
    }

    /** Parses an ISO date ({@code 1994-01-01}) to days since the epoch, or fails naming the text. */
    public static int parseDate(String text) {
        try {
            return (int) LocalDate.parse(text.trim()).toEpochDay();
        } catch (DateTimeParseException e) {
            throw new PolaroidException(ErrorCode.INVALID_VALUE, "'" + text + "' is not a date (expected YYYY-MM-DD)");
        }
    }

    /** Parses an ISO date-time ({@code 1994-01-01 12:00:00[.fff][Z|+hh:mm]}) into the unit. */
    public static long parseTimestamp(String text, TimeUnit unit, String timeZone) {
        String t = text.trim().replace(' ', 'T');
        try {
            Instant instant;
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                instant = java.time.OffsetDateTime.parse(t).toInstant();
            } else if (t.length() == 10) {
                ZoneId zone = timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
                instant = LocalDate.parse(t).atStartOfDay(zone).toInstant();
            } else {
                ZoneId zone = timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
                instant = LocalDateTime.parse(t).atZone(zone).toInstant();
            }
            long perSecond = unit.perSecond();
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), perSecond),
                    instant.getNano() / (1_000_000_000L / perSecond));
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new PolaroidException(ErrorCode.INVALID_VALUE, "'" + text + "' is not a timestamp");
        }
    }

    /** Text of a value as a table cell prints it. */
    public static String format(Object value, DataType type) {
        if (value == null) {
            return "null";
        }
        return switch (type.kind()) {
            case DATE32 -> LocalDate.ofEpochDay((Integer) value).toString();
            case TIMESTAMP -> {
                Instant instant = toInstant((Long) value, type.unit());
                ZoneId zone = type.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(type.timeZone());
                String s = LocalDateTime.ofInstant(instant, zone).toString().replace('T', ' ');
                yield type.timeZone() == null ? s : s + " " + type.timeZone();
            }
            case FLOAT32, FLOAT64 -> formatDouble((Double) value);
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case DURATION -> Durations.format((Long) value, type.unit());
            case TIME -> java.time.LocalTime.ofNanoOfDay((Long) value).toString();
            default -> value.toString();
        };
    }

    /**
     * Orders two non-null values of one type: numbers numerically, strings by their UTF-8 bytes
     * (the order Parquet statistics use), booleans false first.
     */
    @SuppressWarnings("unchecked")
    public static int compare(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return java.util.Arrays.compareUnsigned(x.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    y.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (a instanceof Double x && b instanceof Double y) {
            return Double.compare(x == 0.0 ? 0.0 : x, y == 0.0 ? 0.0 : y);
        }
        return ((Comparable<Object>) a).compareTo(b);
    }

    static String formatDouble(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.format(java.util.Locale.ROOT, "%.1f", d);
        }
        return Double.toString(d);
    }
}
