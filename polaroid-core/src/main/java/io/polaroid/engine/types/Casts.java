package io.polaroid.engine.types;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Conversion of single values between types: the one definition of what a cast does. A value
 * that does not convert (out of range, not a number, not a date) is null, or an INVALID_VALUE
 * error when the cast is strict. Decimals round half away from zero, as in DuckDB.
 */
public final class Casts {
    private Casts() {
    }

    /** Whether a value of {@code from} can be cast to {@code to} at all. */
    public static boolean canCast(DataType from, DataType to) {
        if (from.kind() == TypeKind.BINARY || to.kind() == TypeKind.BINARY) {
            // Polars: binary converts to and from text only
            return from.equals(to) || from.kind() == TypeKind.NULL || from.kind().isVarBytes() && to.kind().isVarBytes();
        }
        if (from.isDuration() || to.isDuration()) {
            // Polars: a duration casts to and from its integer count and to other units; not to text
            return from.equals(to) || from.kind() == TypeKind.NULL || from.isDuration() && to.isDuration()
                    || from.isInteger() || to.isInteger() || from.isDuration() && to.isFloat();
        }
        if (from.equals(to) || from.kind() == TypeKind.NULL || to.kind() == TypeKind.UTF8 || from.kind() == TypeKind.UTF8) {
            return to.kind() != TypeKind.NULL && to.kind() != TypeKind.INTERVAL || from.equals(to);
        }
        TypeKind f = from.kind();
        TypeKind t = to.kind();
        boolean fNum = f.isNumeric() || f == TypeKind.BOOL;
        boolean tNum = t.isNumeric() || t == TypeKind.BOOL;
        if (fNum && tNum) {
            return true;
        }
        if (f.isTemporal() && t.isTemporal() || f == TypeKind.TIMESTAMP && t == TypeKind.TIME) {
            return true;
        }
        if (f == TypeKind.TIME || t == TypeKind.TIME) {
            return f == TypeKind.TIME && t.isNumeric() && t != TypeKind.DECIMAL || t == TypeKind.TIME && f.isInteger();
        }
        // dates and timestamps to and from their integer representation
        return (f.isTemporal() && t.isInteger()) || (f.isInteger() && t.isTemporal());
    }

    public static Object convert(Object value, DataType from, DataType to, boolean strict) {
        if (value == null) {
            return null;
        }
        if (from.equals(to)) {
            return value;
        }
        if (from.kind() == TypeKind.BINARY && to.kind() == TypeKind.UTF8) {
            return text((Bytes) value); // as Polars, invalid UTF-8 fails also a non-strict cast
        }
        if (from.kind() == TypeKind.UTF8 && to.kind() == TypeKind.BINARY) {
            return Bytes.of(((String) value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try {
            Object result = doConvert(value, from, to);
            if (result == null && strict) {
                throw failed(value, from, to, null);
            }
            return result;
        } catch (NumberFormatException | ArithmeticException | java.time.format.DateTimeParseException e) {
            if (strict) {
                throw failed(value, from, to, e);
            }
            return null;
        } catch (PolaroidException e) {
            if (strict) {
                throw failed(value, from, to, e);
            }
            return null;
        }
    }

    /** The text of UTF-8 bytes; other bytes fail (INVALID_VALUE), whether the cast is strict or not, as in Polars. */
    public static String text(Bytes value) {
        String text = Utf8.decodeOrNull(java.nio.ByteBuffer.wrap(value.toArray()));
        if (text == null) {
            throw new PolaroidException(ErrorCode.INVALID_VALUE, "cannot cast " + value + " (binary) to str: invalid utf8");
        }
        return text;
    }

    private static PolaroidException failed(Object value, DataType from, DataType to, Exception cause) {
        return new PolaroidException(ErrorCode.INVALID_VALUE, "cannot cast " + Scalars.format(value, from)
                + " (" + from + ") to " + to + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }

    private static Object doConvert(Object value, DataType from, DataType to) {
        if (to.kind() == TypeKind.UTF8) {
            return toText(value, from);
        }
        if (from.kind() == TypeKind.UTF8) {
            return fromText(((String) value).trim(), to);
        }
        return switch (to.kind()) {
            case BOOL -> switch (from.kind()) {
                case FLOAT32, FLOAT64 -> (Double) value != 0.0;
                case DECIMAL -> ((BigDecimal) value).signum() != 0;
                default -> (Long) value != 0;
            };
            case INT8, INT16, INT32, INT64 -> toInteger(value, from, to);
            case FLOAT32, FLOAT64 -> {
                double d = switch (from.kind()) {
                    case BOOL -> (Boolean) value ? 1.0 : 0.0;
                    case FLOAT32, FLOAT64 -> (Double) value;
                    case DECIMAL -> ((BigDecimal) value).doubleValue();
                    case DATE32 -> (double) (Integer) value;
                    default -> (double) (Long) value;
                };
                yield to.kind() == TypeKind.FLOAT32 ? (double) (float) d : d;
            }
            case DECIMAL -> {
                BigDecimal d = switch (from.kind()) {
                    case BOOL -> (Boolean) value ? BigDecimal.ONE : BigDecimal.ZERO;
                    case FLOAT32, FLOAT64 -> {
                        double x = (Double) value;
                        if (Double.isNaN(x) || Double.isInfinite(x)) {
                            yield null;
                        }
                        yield BigDecimal.valueOf(x);
                    }
                    case DECIMAL -> (BigDecimal) value;
                    default -> BigDecimal.valueOf((Long) value);
                };
                yield d == null ? null : toDecimal(d, to);
            }
            case DATE32 -> switch (from.kind()) {
                case TIMESTAMP -> (int) Math.floorDiv((Long) value, from.unit().perDay());
                case INT8, INT16, INT32, INT64 -> Math.toIntExact((Long) value);
                default -> null;
            };
            case TIMESTAMP -> switch (from.kind()) {
                case DATE32 -> Math.multiplyExact((long) (Integer) value, to.unit().perDay());
                case TIMESTAMP -> rescaleTime((Long) value, from.unit(), to.unit());
                case INT8, INT16, INT32, INT64 -> (Long) value;
                default -> null;
            };
            case DURATION -> switch (from.kind()) {
                case DURATION -> rescaleDuration((Long) value, from.unit(), to.unit());
                case INT8, INT16, INT32, INT64 -> (Long) value;
                default -> null;
            };
            case TIME -> switch (from.kind()) {
                case TIMESTAMP -> timeOfDay((Long) value, from);
                case INT8, INT16, INT32, INT64 -> (Long) value;
                default -> null;
            };
            default -> null;
        };
    }

    /** Polars: a finer unit multiplies, a coarser one divides, truncating toward zero. */
    public static long rescaleDuration(long value, TimeUnit from, TimeUnit to) {
        if (to.perSecond() >= from.perSecond()) {
            return Math.multiplyExact(value, to.perSecond() / from.perSecond());
        }
        return value / (from.perSecond() / to.perSecond());
    }

    /** The wall-clock time of day of a timestamp (in its zone) as nanoseconds since midnight. */
    public static long timeOfDay(long value, DataType timestamp) {
        TimeUnit unit = timestamp.unit();
        long local = value;
        if (timestamp.timeZone() != null) {
            java.time.Instant at = java.time.Instant.ofEpochSecond(Math.floorDiv(value, unit.perSecond()));
            local += java.time.ZoneId.of(timestamp.timeZone()).getRules().getOffset(at).getTotalSeconds() * unit.perSecond();
        }
        return Math.floorMod(local, unit.perDay()) * Durations.nanosPer(unit);
    }

    private static Object toInteger(Object value, DataType from, DataType to) {
        long v;
        switch (from.kind()) {
            case BOOL -> v = (Boolean) value ? 1 : 0;
            case FLOAT32, FLOAT64 -> {
                double d = (Double) value;
                if (Double.isNaN(d) || d >= 9.223372036854775807E18 || d < -9.223372036854775808E18) {
                    return null;
                }
                v = (long) d;
            }
            case DECIMAL -> v = ((BigDecimal) value).setScale(0, RoundingMode.DOWN).longValueExact(); // truncated, as Polars
            case DATE32 -> v = (Integer) value;
            default -> v = (Long) value;
        }
        return fitsInteger(v, to.kind()) ? v : null;
    }

    public static boolean fitsInteger(long v, TypeKind kind) {
        return switch (kind) {
            case INT8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case INT16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case INT32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            default -> true;
        };
    }

    /** Rounds to the type's scale, halves to even as Polars; null if it then needs more digits than the precision. */
    public static BigDecimal toDecimal(BigDecimal d, DataType to) {
        BigDecimal scaled = d.setScale(to.scale(), RoundingMode.HALF_EVEN);
        BigInteger unscaled = scaled.unscaledValue().abs();
        if (unscaled.compareTo(BigInteger.TEN.pow(to.precision())) >= 0) {
            return null;
        }
        return scaled;
    }

    public static long rescaleTime(long value, TimeUnit from, TimeUnit to) {
        if (from == to) {
            return value;
        }
        if (to.perSecond() > from.perSecond()) {
            return Math.multiplyExact(value, to.perSecond() / from.perSecond());
        }
        return Math.floorDiv(value, from.perSecond() / to.perSecond());
    }

    private static String toText(Object value, DataType from) {
        return switch (from.kind()) {
            case FLOAT64 -> FloatText.of((Double) value);  // as Polars: 3.0, 1e+20, NaN
            case FLOAT32 -> FloatText.ofFloat((Double) value);
            case TIMESTAMP -> TemporalText.timestamp((Long) value, from);
            case TIME -> TemporalText.time((Long) value);
            default -> Scalars.format(value, from);
        };
    }

    private static Object fromText(String s, DataType to) {
        return switch (to.kind()) {
            case BOOL -> switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "t", "1", "yes" -> Boolean.TRUE;
                case "false", "f", "0", "no" -> Boolean.FALSE;
                default -> null;
            };
            case INT8, INT16, INT32, INT64 -> {
                long v = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
                yield fitsInteger(v, to.kind()) ? v : null;
            }
            case FLOAT32, FLOAT64 -> {
                double d = parseDouble(s);
                yield to.kind() == TypeKind.FLOAT32 ? (double) (float) d : d;
            }
            case DECIMAL -> toDecimal(new BigDecimal(s), to);
            case DATE32 -> Scalars.parseDate(s);
            case TIMESTAMP -> Scalars.parseTimestamp(s, to.unit(), to.timeZone());
            case TIME -> java.time.LocalTime.parse(s).toNanoOfDay();
            default -> null;
        };
    }

    private static double parseDouble(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "nan" -> Double.NaN;
            case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
