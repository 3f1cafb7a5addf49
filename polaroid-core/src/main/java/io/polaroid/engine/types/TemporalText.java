package io.polaroid.engine.types;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Datetimes and times as Polars casts them to String: {@code 2024-03-10 01:30:00.000000} with as
 * many fraction digits as the unit holds (3, 6 or 9), a zoned value in its zone's local time with
 * the offset ({@code -05:00}, UTC as {@code +00:00}); a time of day as {@code HH:MM:SS}.
 */
public final class TemporalText {
    private TemporalText() {
    }

    public static String timestamp(long value, DataType type) {
        Instant instant = Scalars.toInstant(value, type.unit());
        ZoneId zone = type.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(type.timeZone());
        ZonedDateTime local = instant.atZone(zone);
        StringBuilder sb = new StringBuilder(36);
        LocalDateTime t = local.toLocalDateTime();
        sb.append(t.toLocalDate()).append(' ');
        twoDigits(sb, t.getHour()).append(':');
        twoDigits(sb, t.getMinute()).append(':');
        twoDigits(sb, t.getSecond());
        int digits = switch (type.unit()) {
            case SECOND -> 0;
            case MILLISECOND -> 3;
            case MICROSECOND -> 6;
            case NANOSECOND -> 9;
        };
        if (digits > 0) {
            String nanos = String.format(java.util.Locale.ROOT, "%09d", t.getNano());
            sb.append('.').append(nanos, 0, digits);
        }
        if (type.timeZone() != null) {
            String offset = local.getOffset().getId();
            sb.append("Z".equals(offset) ? "+00:00" : offset);
        }
        return sb.toString();
    }

    public static String time(long nanosOfDay) {
        LocalTime t = LocalTime.ofNanoOfDay(nanosOfDay);
        StringBuilder sb = new StringBuilder(8);
        twoDigits(sb, t.getHour()).append(':');
        twoDigits(sb, t.getMinute()).append(':');
        return twoDigits(sb, t.getSecond()).toString();
    }

    private static StringBuilder twoDigits(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
