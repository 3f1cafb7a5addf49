package io.polaroid.engine.kernels;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Polars' business days: the weekdays of a week mask (Monday first) that are not holidays, in days
 * since the epoch. {@code add} rolls a date that is not a business day as {@code roll} says, then
 * moves {@code n} business days (whole weeks at a time); {@code count} counts the business days in
 * {@code [start, end)} (when {@code end} comes first, minus those in {@code (end, start]}).
 */
public final class BusinessCalendar {
    private final boolean[] mask;
    private final int perWeek;
    /** Holidays on business weekdays, sorted, distinct. */
    private final long[] holidays;

    public BusinessCalendar(boolean[] mask, long[] holidays) {
        this.mask = mask.clone();
        int count = 0;
        for (boolean b : mask) {
            count += b ? 1 : 0;
        }
        this.perWeek = count;
        this.holidays = Arrays.stream(holidays).filter(h -> mask[weekday(h)]).distinct().sorted().toArray();
    }

    /** A mask of seven '1'/'0' characters, Monday first, as the wire carries it; null if malformed. */
    public static boolean[] mask(String text) {
        if (text.length() != 7 || !text.matches("[01]{7}")) {
            return null;
        }
        boolean[] mask = new boolean[7];
        for (int i = 0; i < 7; i++) {
            mask[i] = text.charAt(i) == '1';
        }
        return mask;
    }

    /** Comma-separated ISO dates, as days since the epoch (empty text: none). */
    public static long[] holidays(String text) {
        return text.isBlank() ? new long[0]
                : Arrays.stream(text.split(",")).mapToLong(d -> LocalDate.parse(d.trim()).toEpochDay()).toArray();
    }

    /** 0 for Monday .. 6 for Sunday (1970-01-01 was a Thursday). */
    static int weekday(long day) {
        return (int) Math.floorMod(day + 3, 7);
    }

    public boolean isBusinessDay(long day) {
        return mask[weekday(day)] && Arrays.binarySearch(holidays, day) < 0;
    }

    /** {@code day} plus {@code n} business days, after rolling it ("raise", "forward", "backward") to a business day. */
    public long add(long day, long n, String roll) {
        if (!isBusinessDay(day)) {
            if ("raise".equals(roll)) {
                throw new PolaroidException(ErrorCode.INVALID_VALUE, "date " + LocalDate.ofEpochDay(day) + " is not a business"
                        + " date; use `roll` to roll forwards (or backwards) to the next (or previous) valid date.");
            }
            long step = "forward".equals(roll) ? 1 : -1;
            do {
                day += step;
            } while (!isBusinessDay(day));
        }
        long step = Long.signum(n);
        long remaining = Math.abs(n);
        while (remaining > 0) {
            long weeks = (remaining - 1) / perWeek;
            if (weeks > 0) {
                long next = day + step * 7 * weeks;
                remaining += (step > 0 ? holidaysIn(day + 1, next) : holidaysIn(next, day - 1)) - weeks * perWeek;
                day = next;
            } else {
                day += step;
                if (isBusinessDay(day)) {
                    remaining--;
                }
            }
        }
        return day;
    }

    /** Business days in {@code [start, end)}, or minus those in {@code (end, start]}, as Polars counts backwards. */
    public long count(long start, long end) {
        if (end < start) {
            return -count(end + 1, start + 1);
        }
        long days = end - start;
        long total = days / 7 * perWeek;
        int first = weekday(start);
        for (int r = 0; r < days % 7; r++) {
            total += mask[(first + r) % 7] ? 1 : 0;
        }
        return total - holidaysIn(start, end - 1);
    }

    /** Holidays in {@code [from, to]}. */
    private long holidaysIn(long from, long to) {
        return Math.max(0, firstAtLeast(to + 1) - firstAtLeast(from));
    }

    private int firstAtLeast(long day) {
        int i = Arrays.binarySearch(holidays, day);
        return i >= 0 ? i : -i - 1;
    }
}
