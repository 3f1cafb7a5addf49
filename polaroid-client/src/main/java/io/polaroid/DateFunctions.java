package io.polaroid;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TimeUnit;

/** Date and timestamp functions of an expression ({@code expr.dt()}), named as Polars names them. */
public final class DateFunctions {
    private final Expr expr;

    DateFunctions(Expr expr) {
        this.expr = expr;
    }

    public Expr year() {
        return expr.call(FunctionNames.DT_YEAR);
    }

    /** The start of the calendar window of {@code every}: one unit, as "1mo", "2w", "1d", "15m". */
    public Expr truncate(String every) {
        return expr.call(FunctionNames.DT_TRUNCATE, every);
    }

    /** The first day of the month (a timestamp keeps its time of day). */
    /** The date of a date or datetime; of a zoned datetime, the date in its time zone (as Polars). */
    public Expr date() {
        return expr.call(FunctionNames.DT_DATE);
    }

    /** The milliseconds within the second (0 to 999) of a datetime or time. */
    public Expr millisecond() {
        return expr.call(FunctionNames.DT_MILLISECOND);
    }

    /** The microseconds within the second (0 to 999,999) of a datetime or time. */
    public Expr microsecond() {
        return expr.call(FunctionNames.DT_MICROSECOND);
    }

    /** The nanoseconds within the second of a datetime or time. */
    public Expr nanosecond() {
        return expr.call(FunctionNames.DT_NANOSECOND);
    }

    public Expr monthStart() {
        return expr.call(FunctionNames.DT_MONTH_START);
    }

    /** The last day of the month (a timestamp keeps its time of day). */
    public Expr monthEnd() {
        return expr.call(FunctionNames.DT_MONTH_END);
    }

    public Expr quarter() {
        return expr.call(FunctionNames.DT_QUARTER);
    }

    public Expr month() {
        return expr.call(FunctionNames.DT_MONTH);
    }

    public Expr day() {
        return expr.call(FunctionNames.DT_DAY);
    }

    /** ISO weekday: Monday 1 .. Sunday 7. */
    public Expr weekday() {
        return expr.call(FunctionNames.DT_WEEKDAY);
    }

    public Expr ordinalDay() {
        return expr.call(FunctionNames.DT_ORDINAL_DAY);
    }

    public Expr hour() {
        return expr.call(FunctionNames.DT_HOUR);
    }

    public Expr minute() {
        return expr.call(FunctionNames.DT_MINUTE);
    }

    public Expr second() {
        return expr.call(FunctionNames.DT_SECOND);
    }

    /** SQL's {@code extract(part from x)}: year, quarter, month, day, weekday, ordinal_day, hour, minute, second. */
    public Expr extract(String part) {
        String function = FunctionNames.extractFunction(part);
        if (function == null) {
            throw PolaroidException.invalidPlan("extract: unknown part '" + part
                    + "'; use year, quarter, month, day, weekday, ordinal_day, hour, minute or second");
        }
        return expr.call(function);
    }

    // ---- time zones (the engine's StringMoreFunctions) ----

    /** The same wall time in {@code timeZone} (empty: naive); a wall time shown twice or never fails the query. */
    public Expr replaceTimeZone(String timeZone) {
        return replaceTimeZone(timeZone, "raise", "raise");
    }

    /** {@code ambiguous}: raise, earliest, latest or null; {@code nonExistent}: raise or null. */
    public Expr replaceTimeZone(String timeZone, String ambiguous, String nonExistent) {
        return expr.call(FunctionNames.DT_REPLACE_TIME_ZONE, timeZone == null ? "" : timeZone, ambiguous, nonExistent);
    }

    /** The same instant shown in {@code timeZone} (a naive datetime is taken as UTC). */
    public Expr convertTimeZone(String timeZone) {
        return expr.call(FunctionNames.DT_CONVERT_TIME_ZONE, timeZone);
    }

    /** In {@code unit} (ns, us, ms), rounded down; the time zone kept. */
    public Expr castTimeUnit(String unit) {
        return expr.call(FunctionNames.DT_CAST_TIME_UNIT, unit);
    }

    /** The nearest start of a calendar window of {@code every} ({@code truncate(x + every / 2)}, a month 28 days, as Polars). */
    public Expr round(String every) {
        return expr.call(FunctionNames.DT_ROUND, every);
    }

    // ---- durations (the engine's DurationFunctions) and times of day ----

    /** A duration in whole days, truncated toward zero. */
    public Expr totalDays() {
        return totalDays(false);
    }

    /** A duration in days: whole (truncated toward zero) or, {@code fractional}, as a float. */
    public Expr totalDays(boolean fractional) {
        return expr.call(FunctionNames.DT_TOTAL_DAYS, fractional);
    }

    /** A duration in whole hours, truncated toward zero. */
    public Expr totalHours() {
        return totalHours(false);
    }

    /** A duration in hours: whole (truncated toward zero) or, {@code fractional}, as a float. */
    public Expr totalHours(boolean fractional) {
        return expr.call(FunctionNames.DT_TOTAL_HOURS, fractional);
    }

    /** A duration in whole minutes, truncated toward zero. */
    public Expr totalMinutes() {
        return totalMinutes(false);
    }

    /** A duration in minutes: whole (truncated toward zero) or, {@code fractional}, as a float. */
    public Expr totalMinutes(boolean fractional) {
        return expr.call(FunctionNames.DT_TOTAL_MINUTES, fractional);
    }

    /** A duration in whole seconds, truncated toward zero. */
    public Expr totalSeconds() {
        return totalSeconds(false);
    }

    /** A duration in seconds: whole (truncated toward zero) or, {@code fractional}, as a float. */
    public Expr totalSeconds(boolean fractional) {
        return expr.call(FunctionNames.DT_TOTAL_SECONDS, fractional);
    }

    /** A duration in whole milliseconds, truncated toward zero. */
    public Expr totalMilliseconds() {
        return totalMilliseconds(false);
    }

    /** A duration in milliseconds: whole (truncated toward zero) or, {@code fractional}, as a float. */
    public Expr totalMilliseconds(boolean fractional) {
        return expr.call(FunctionNames.DT_TOTAL_MILLISECONDS, fractional);
    }

    /** A duration in whole microseconds, truncated toward zero. */
    public Expr totalMicroseconds() {
        return totalMicroseconds(false);
    }

    /** A duration in microseconds: whole (truncated toward zero) or, {@code fractional}, as a float. */
    public Expr totalMicroseconds(boolean fractional) {
        return expr.call(FunctionNames.DT_TOTAL_MICROSECONDS, fractional);
    }

    /** A duration in whole nanoseconds, truncated toward zero. */
    public Expr totalNanoseconds() {
        return totalNanoseconds(false);
    }

    /** A duration in nanoseconds: whole (truncated toward zero) or, {@code fractional}, as a float. */
    public Expr totalNanoseconds(boolean fractional) {
        return expr.call(FunctionNames.DT_TOTAL_NANOSECONDS, fractional);
    }

    /** The time zone's standard offset from UTC at each instant, a duration in milliseconds. */
    public Expr baseUtcOffset() {
        return expr.call(FunctionNames.DT_BASE_UTC_OFFSET);
    }

    /** The time zone's daylight-saving offset at each instant (0 outside summer time), a duration in milliseconds. */
    public Expr dstOffset() {
        return expr.call(FunctionNames.DT_DST_OFFSET);
    }

    /** The wall-clock time of day of a datetime (in its time zone). */
    public Expr time() {
        return expr.cast(DataType.TIME);
    }

    /** The date (of a date or datetime) at {@code time} of day, a datetime in {@code unit}. */
    public Expr combine(Expr time, TimeUnit unit) {
        Expr midnight = expr.cast(DataType.DATE32).cast(DataType.timestamp(unit, null));
        return midnight.add(time.cast(DataType.INT64).cast(DataType.duration(TimeUnit.NANOSECOND)));
    }

    // ---- replaced fields and business days (the engine's CalendarMoreFunctions) ----

    /**
     * Polars' {@code dt.replace}: each of year, month, day, hour, minute, second, microsecond that is
     * not null (an int or an expression; a null value in a column keeps the field) replaced; a date
     * keeps no time fields. A date that does not exist (February 31st) fails the query.
     */
    public Expr replace(Object year, Object month, Object day, Object hour, Object minute, Object second, Object microsecond) {
        return replace(year, month, day, hour, minute, second, microsecond, "raise");
    }

    /** {@code ambiguous}: raise, earliest, latest or null, for a wall time a time zone shows twice. */
    public Expr replace(Object year, Object month, Object day, Object hour, Object minute, Object second, Object microsecond,
                        String ambiguous) {
        return expr.call(FunctionNames.DT_REPLACE, year, month, day, hour, minute, second, microsecond, ambiguous);
    }

    /** {@code n} (an int or an expression) business days on, Monday to Friday, no holidays; a weekend date fails. */
    public Expr addBusinessDays(Object n) {
        return addBusinessDays(n, BusinessDays.WEEKDAYS, java.util.List.of(), "raise");
    }

    /**
     * {@code n} business days on: the days of {@code weekMask} (seven, Monday first) that are not
     * {@code holidays}; a date that is not one fails ({@code roll} "raise") or moves to the next
     * ("forward") or previous ("backward") one first.
     */
    public Expr addBusinessDays(Object n, boolean[] weekMask, java.util.List<java.time.LocalDate> holidays, String roll) {
        return expr.call(FunctionNames.DT_ADD_BUSINESS_DAYS, n, BusinessDays.mask(weekMask), BusinessDays.holidays(holidays),
                roll);
    }
}
