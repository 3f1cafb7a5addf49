package io.polaroid.engine.kernels;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.TimeUnit;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Timestamps as wall times and back: Polars' {@code replace_time_zone} (the wall time kept, the
 * instant moved), with its rules for a wall time a zone's clock shows twice ({@code ambiguous}:
 * raise, earliest, latest, null) or never ({@code non_existent}: raise, null).
 */
public final class WallTimes {
    private WallTimes() {
    }

    /** The wall time of a timestamp value in {@code zone} (null: the value is the wall time, as a naive timestamp). */
    public static LocalDateTime wallTime(long value, TimeUnit unit, ZoneId zone) {
        long perSecond = unit.perSecond();
        long seconds = Math.floorDiv(value, perSecond);
        long nanos = Math.floorMod(value, perSecond) * (1_000_000_000L / perSecond);
        return LocalDateTime.ofEpochSecond(seconds, (int) nanos, zone == null ? ZoneOffset.UTC
                : zone.getRules().getOffset(Instant.ofEpochSecond(seconds)));
    }

    /** The offset of {@code zone} at a timestamp value. */
    static ZoneOffset wallTimeOffset(long value, TimeUnit unit, ZoneId zone) {
        return zone.getRules().getOffset(Instant.ofEpochSecond(Math.floorDiv(value, unit.perSecond())));
    }

    /** A timestamp value of an instant, in {@code unit}. */
    static long value(Instant instant, TimeUnit unit) {
        long perSecond = unit.perSecond();
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), perSecond),
                instant.getNano() / (1_000_000_000L / perSecond));
    }

    /** The timestamp value of a wall time in {@code zone} (null zone: naive), or null where the rules say null. */
    public static Long value(LocalDateTime local, TimeUnit unit, ZoneId zone, String ambiguous, String nonExistent) {
        ZoneOffset offset;
        if (zone == null) {
            offset = ZoneOffset.UTC;
        } else {
            List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
            if (offsets.isEmpty()) {
                if ("null".equals(nonExistent)) {
                    return null;
                }
                throw new PolaroidException(ErrorCode.INVALID_VALUE, "datetime '" + local + "' is non-existent in time zone '"
                        + zone + "'. You may be able to use `non_existent='null'`.");
            }
            if (offsets.size() > 1) {
                switch (ambiguous) {
                    case "earliest" -> offset = offsets.get(0);
                    case "latest" -> offset = offsets.get(1);
                    case "null" -> {
                        return null;
                    }
                    default -> throw new PolaroidException(ErrorCode.INVALID_VALUE, "datetime '" + local
                            + "' is ambiguous in time zone '" + zone + "'. Please use `ambiguous` to tell how it should be"
                            + " localized.");
                }
            } else {
                offset = offsets.get(0);
            }
        }
        return value(local.toInstant(offset), unit);
    }
}
