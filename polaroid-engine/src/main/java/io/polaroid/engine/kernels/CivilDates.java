package io.polaroid.engine.kernels;

/**
 * Calendar arithmetic on days since 1970-01-01 (proleptic Gregorian), without allocating:
 * the days-from-civil and civil-from-days algorithms, as used by most date libraries.
 */
public final class CivilDates {
    private CivilDates() {
    }

    /** Year, month (1-12) and day (1-31) packed as {@code year * 10000 + month * 100 + day} (year may be negative). */
    public static long civil(long days) {
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        return y * 10000 + (y < 0 ? -(m * 100 + d) : m * 100 + d);
    }

    public static int year(long days) {
        long c = civil(days);
        return (int) (c / 10000);
    }

    public static int month(long days) {
        return (int) (Math.abs(civil(days)) / 100 % 100);
    }

    public static int day(long days) {
        return (int) (Math.abs(civil(days)) % 100);
    }

    /** Days since the epoch of a civil date. */
    public static long days(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long mp = month > 2 ? month - 3 : month + 9;
        long doy = (153 * mp + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    public static boolean isLeap(long year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    public static int daysInMonth(long year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** {@code days} plus {@code months} calendar months, the day clamped to the month's end. */
    public static long plusMonths(long days, int months) {
        if (months == 0) {
            return days;
        }
        long c = civil(days);
        long year = c / 10000;
        int month = (int) (Math.abs(c) / 100 % 100);
        int day = (int) (Math.abs(c) % 100);
        long total = year * 12 + (month - 1) + months;
        long newYear = Math.floorDiv(total, 12);
        int newMonth = Math.floorMod(total, 12) + 1;
        return days(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
    }
}
