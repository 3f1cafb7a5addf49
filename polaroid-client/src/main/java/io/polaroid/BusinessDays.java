package io.polaroid;

import io.polaroid.engine.error.PolaroidException;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/** The wire's spelling of Polars' business-day options: a week mask as "1111100", holidays as ISO dates with commas. */
final class BusinessDays {
    /** Monday to Friday, Polars' default. */
    static final boolean[] WEEKDAYS = {true, true, true, true, true, false, false};

    private BusinessDays() {
    }

    static String mask(boolean[] weekMask) {
        if (weekMask.length != 7) {
            throw PolaroidException.invalidPlan("week_mask needs seven days, Monday first, not " + weekMask.length);
        }
        StringBuilder out = new StringBuilder();
        for (boolean b : weekMask) {
            out.append(b ? '1' : '0');
        }
        return out.toString();
    }

    static String holidays(List<LocalDate> holidays) {
        return holidays.stream().map(LocalDate::toString).collect(Collectors.joining(","));
    }

    /** A column by name, or any other value as an expression. */
    static Object column(Object value) {
        return value instanceof String name ? Functions.col(name) : value;
    }
}
