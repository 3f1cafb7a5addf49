package io.polaroid.engine.kernels;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A format in Polars' (chrono's) {@code strptime} syntax, compiled for parsing: {@code %Y %m %d %H
 * %M %S %y %j %e %I %p %b %B %h %a %A %f %.f %.3f %.6f %.9f %3f %6f %9f %z %:z %s %F %T %D %R %%},
 * whitespace (any run of whitespace, or none) and literal text. Fields of one or two digits accept
 * one digit, as chrono does.
 */
public final class ChronoFormat {
    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december"};
    private static final String[] DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

    /** A piece of the format: a literal text, whitespace, or a field (its code, and its width for fractions). */
    private record Item(char code, String text, int width) {
    }

    private final String format;
    private final List<Item> items;

    private ChronoFormat(String format, List<Item> items) {
        this.format = format;
        this.items = items;
    }

    public String format() {
        return format;
    }

    /** The format compiled; an IllegalArgumentException names a directive it does not know. */
    public static ChronoFormat compile(String format) {
        String f = format.replace("%F", "%Y-%m-%d").replace("%T", "%H:%M:%S").replace("%D", "%m/%d/%y")
                .replace("%R", "%H:%M");
        List<Item> items = new ArrayList<>();
        int i = 0;
        while (i < f.length()) {
            char c = f.charAt(i);
            if (Character.isWhitespace(c)) {
                items.add(new Item(' ', null, 0));
                while (i < f.length() && Character.isWhitespace(f.charAt(i))) {
                    i++;
                }
                continue;
            }
            if (c != '%') {
                items.add(new Item('L', String.valueOf(c), 0));
                i++;
                continue;
            }
            if (i + 1 >= f.length()) {
                throw new IllegalArgumentException("a format cannot end with a lone %");
            }
            char d = f.charAt(i + 1);
            if (d == '.' && i + 2 < f.length() && f.charAt(i + 2) == 'f') {
                items.add(new Item('.', null, 0));
                i += 3;
            } else if (d == '.' && i + 3 < f.length() && "369".indexOf(f.charAt(i + 2)) >= 0 && f.charAt(i + 3) == 'f') {
                items.add(new Item('.', null, f.charAt(i + 2) - '0'));
                i += 4;
            } else if ("369".indexOf(d) >= 0 && i + 2 < f.length() && f.charAt(i + 2) == 'f') {
                items.add(new Item('F', null, d - '0'));
                i += 3;
            } else if (d == ':' && i + 2 < f.length() && f.charAt(i + 2) == 'z') {
                items.add(new Item('z', null, 0));
                i += 3;
            } else if ("YmdHMSyjeIpbBhaAfzs".indexOf(d) >= 0) {
                items.add(new Item(d, null, 0));
                i += 2;
            } else if (d == '%') {
                items.add(new Item('L', "%", 0));
                i += 2;
            } else if (d == 'n' || d == 't') {
                items.add(new Item(' ', null, 0));
                i += 2;
            } else {
                throw new IllegalArgumentException("the format directive %" + d + " is not one Polaroid parses (in '"
                        + format + "')");
            }
        }
        return new ChronoFormat(format, items);
    }

    /** Whether the format reads a UTC offset ({@code %z}), which makes the result an instant. */
    public boolean hasOffset() {
        return items.stream().anyMatch(it -> it.code() == 'z');
    }

    /** The value read: a local date and time, and the offset in seconds if the format has one. */
    public record Parsed(LocalDateTime local, Integer offsetSeconds) {
    }

    /** {@code s} read with the format: all of it ({@code exact}), or the first part of it that matches; null if none. */
    public Parsed parse(String s, boolean exact) {
        if (exact) {
            return parseAt(s, 0, true);
        }
        for (int start = 0; start < s.length(); start++) {
            Parsed p = parseAt(s, start, false);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static final class Cursor {
        final String s;
        int at;

        Cursor(String s, int at) {
            this.s = s;
            this.at = at;
        }

        /** After any whitespace (chrono skips it before a number), up to {@code max} (at least {@code min}) digits, or -1. */
        long number(int min, int max) {
            skipSpace();
            return digits(min, max);
        }

        void skipSpace() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }

        /** Up to {@code max} (at least {@code min}) digits as a number, or -1. */
        long digits(int min, int max) {
            int start = at;
            while (at < s.length() && at - start < max && s.charAt(at) >= '0' && s.charAt(at) <= '9') {
                at++;
            }
            if (at - start < min) {
                return -1;
            }
            return Long.parseLong(s.substring(start, at));
        }

        /** The index of the name at the cursor among {@code names} (its first three letters, or with {@code full} all of it), or -1. */
        int name(String[] names, boolean full) {
            String rest = s.substring(at).toLowerCase(Locale.ROOT);
            for (int k = 0; full && k < names.length; k++) {
                if (rest.startsWith(names[k])) {
                    at += names[k].length();
                    return k;
                }
            }
            for (int k = 0; k < names.length; k++) {
                if (rest.startsWith(names[k].substring(0, 3))) {
                    at += 3;
                    return k;
                }
            }
            return -1;
        }
    }

    private Parsed parseAt(String s, int start, boolean exact) {
        Cursor c = new Cursor(s, start);
        Long year = null;
        int month = 1;
        int day = 1;
        int ordinal = -1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        long nanos = 0;
        int hour12 = -1;
        int pm = -1;
        Integer offset = null;
        Long epoch = null;
        for (Item it : items) {
            switch (it.code()) {
                case ' ' -> c.skipSpace();
                case 'L' -> {
                    if (!s.startsWith(it.text(), c.at)) {
                        return null;
                    }
                    c.at += it.text().length();
                }
                case 'Y' -> {
                    c.skipSpace();
                    boolean negative = c.at < s.length() && (s.charAt(c.at) == '-' || s.charAt(c.at) == '+');
                    boolean minus = negative && s.charAt(c.at) == '-';
                    if (negative) {
                        c.at++;
                    }
                    long y = c.number(1, 4);
                    if (y < 0) {
                        return null;
                    }
                    year = minus ? -y : y;
                }
                case 'y' -> {
                    long y = c.number(1, 2);
                    if (y < 0) {
                        return null;
                    }
                    year = y < 70 ? 2000 + y : 1900 + y;
                }
                case 'm', 'd', 'e', 'H', 'M', 'S', 'I', 'j' -> {
                    long v = c.number(1, it.code() == 'j' ? 3 : 2);
                    if (v < 0) {
                        return null;
                    }
                    switch (it.code()) {
                        case 'm' -> month = (int) v;
                        case 'd', 'e' -> day = (int) v;
                        case 'H' -> hour = (int) v;
                        case 'M' -> minute = (int) v;
                        case 'S' -> second = (int) v;
                        case 'I' -> hour12 = (int) v;
                        default -> ordinal = (int) v;
                    }
                }
                case 'b', 'B', 'h' -> {
                    int m = c.name(MONTHS, it.code() == 'B');
                    if (m < 0) {
                        return null;
                    }
                    month = m + 1;
                }
                case 'a', 'A' -> {
                    if (c.name(DAYS, it.code() == 'A') < 0) {
                        return null;
                    }
                }
                case 'p' -> {
                    String rest = s.substring(c.at).toLowerCase(Locale.ROOT);
                    if (rest.startsWith("am") || rest.startsWith("pm")) {
                        pm = rest.startsWith("pm") ? 1 : 0;
                        c.at += 2;
                    } else {
                        return null;
                    }
                }
                case 'f' -> {
                    long v = c.number(1, 9);
                    if (v < 0) {
                        return null;
                    }
                    nanos = v;
                }
                case '.' -> {
                    if (c.at < s.length() && s.charAt(c.at) == '.') {
                        c.at++;
                        int from = c.at;
                        long v = it.width() == 0 ? c.digits(1, 9) : c.digits(it.width(), it.width());
                        if (v < 0 || it.width() > 0 && c.at < s.length() && Character.isDigit(s.charAt(c.at))) {
                            return null;
                        }
                        nanos = v * (long) Math.pow(10, 9 - (c.at - from));
                    }
                }
                case 'F' -> {
                    int from = c.at;
                    long v = c.digits(it.width(), it.width());
                    if (v < 0) {
                        return null;
                    }
                    nanos = v * (long) Math.pow(10, 9 - (c.at - from));
                }
                case 'z' -> {
                    if (c.at >= s.length() || (s.charAt(c.at) != '+' && s.charAt(c.at) != '-')) {
                        return null;
                    }
                    int sign = s.charAt(c.at) == '-' ? -1 : 1;
                    c.at++;
                    long hh = c.digits(2, 2);
                    if (hh < 0) {
                        return null;
                    }
                    if (c.at < s.length() && s.charAt(c.at) == ':') {
                        c.at++;
                    }
                    int before = c.at;
                    long mm = c.digits(2, 2);
                    if (mm < 0) {
                        c.at = before;
                        mm = 0;
                    }
                    offset = sign * (int) (hh * 3600 + mm * 60);
                }
                case 's' -> {
                    c.skipSpace();
                    boolean minus = c.at < s.length() && s.charAt(c.at) == '-';
                    if (minus) {
                        c.at++;
                    }
                    long v = c.digits(1, 18);
                    if (v < 0) {
                        return null;
                    }
                    epoch = minus ? -v : v;
                }
                default -> throw new IllegalStateException("format item " + it.code());
            }
        }
        if (exact && c.at != s.length()) {
            return null;
        }
        try {
            if (epoch != null) {
                return new Parsed(LocalDateTime.ofEpochSecond(epoch, (int) nanos, java.time.ZoneOffset.UTC), 0);
            }
            if (year == null) {
                return null;
            }
            if (hour12 >= 0) {
                if (hour12 < 1 || hour12 > 12 || pm < 0) {
                    return null;
                }
                hour = hour12 % 12 + (pm == 1 ? 12 : 0);
            }
            LocalDate date = ordinal >= 0 ? LocalDate.ofYearDay(Math.toIntExact(year), ordinal)
                    : LocalDate.of(Math.toIntExact(year), month, day);
            return new Parsed(LocalDateTime.of(date, LocalTime.of(hour, minute, second, (int) nanos)), offset);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }
}
