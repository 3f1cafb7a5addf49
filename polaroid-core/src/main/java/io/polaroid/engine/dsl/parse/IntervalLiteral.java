package io.polaroid.engine.dsl.parse;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Interval;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code interval '3' month} (SQL: the unit after the string) and {@code interval '1 year 2 days'}
 * (Postgres: units inside). Years and weeks become months and days, so that {@code interval '1'
 * year} is the same value as {@code interval '12' month}; hours, minutes and seconds are exact
 * nanoseconds.
 */
final class IntervalLiteral {
    private static final String UNITS = "an interval unit (year, month, week, day, hour, minute, second)";
    private static final Pattern COUNT = Pattern.compile("\\s*[+-]?\\d+\\s*");
    private static final Pattern PART = Pattern.compile("\\s*([+-]?\\d+)\\s*([A-Za-z]+)\\s*");

    private int months;
    private int days;
    private long nanos;

    private IntervalLiteral() {
    }

    /** Parses the string token {@code text} (already consumed) and, when it holds only a count, the unit after it. */
    static Expr.Literal parse(TokenStream in, Token text) {
        IntervalLiteral interval = new IntervalLiteral();
        String body = text.value();
        try {
            if (COUNT.matcher(body).matches()) {
                Token unit = in.peek();
                if (unit.kind() != Token.Kind.NAME || !interval.add(Long.parseLong(body.trim()), unit.text())) {
                    throw in.fail(UNITS + " after " + text.text());
                }
                in.next();
            } else {
                interval.addParts(in, text);
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw in.fail(text, "an interval that fits in 32-bit months and days and 64-bit nanoseconds");
        }
        return Expr.Literal.of(new Interval(interval.months, interval.days, interval.nanos), DataType.INTERVAL);
    }

    private void addParts(TokenStream in, Token text) {
        String body = text.value();
        Matcher m = PART.matcher(body);
        int at = 0;
        while (at < body.length() || at == 0) {
            m.region(at, body.length());
            if (!m.lookingAt()) {
                throw in.fail(text, "an interval such as '2 days' or '1 year 3 months'");
            }
            if (!add(Long.parseLong(m.group(1)), m.group(2))) {
                // + 1 for the opening quote; exact unless the string has '' escapes before the unit
                int offset = text.offset() + 1 + m.start(2);
                Token unit = new Token(Token.Kind.NAME, m.group(2), m.group(2), offset);
                throw in.fail(unit, UNITS);
            }
            at = m.end();
        }
    }

    /** Adds {@code count} units; false when the unit is unknown. */
    private boolean add(long count, String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.endsWith("s")) {
            u = u.substring(0, u.length() - 1);
        }
        switch (u) {
            case "year" -> months = Math.addExact(months, Math.toIntExact(Math.multiplyExact(count, 12)));
            case "month" -> months = Math.addExact(months, Math.toIntExact(count));
            case "week" -> days = Math.addExact(days, Math.toIntExact(Math.multiplyExact(count, 7)));
            case "day" -> days = Math.addExact(days, Math.toIntExact(count));
            case "hour" -> nanos = Math.addExact(nanos, Math.multiplyExact(count, 3_600_000_000_000L));
            case "minute" -> nanos = Math.addExact(nanos, Math.multiplyExact(count, 60_000_000_000L));
            case "second" -> nanos = Math.addExact(nanos, Math.multiplyExact(count, 1_000_000_000L));
            default -> {
                return false;
            }
        }
        return true;
    }
}
