package io.polaroid.engine.io.csv;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Parses numbers, booleans and dates straight from a field's bytes, so that a scan does not make
 * a String per value. Each method returns whether the text is a value of that type and leaves the
 * value in a field of this object, which is why there is one parser per reader and not a static
 * utility. The same rules decide schema inference and reading, so an inferred column always reads.
 */
final class CsvValueParser {
    /** 10^0 .. 10^22: the powers of ten a double holds exactly. */
    private static final double[] EXACT_POWERS = new double[23];
    /** Significant digits that always fit in a double's 53-bit mantissa. */
    private static final int EXACT_DIGITS = 15;

    static {
        double p = 1;
        for (int i = 0; i < EXACT_POWERS.length; i++) {
            EXACT_POWERS[i] = p;
            p *= 10;
        }
    }

    long longValue;
    double doubleValue;
    boolean boolValue;
    int dateValue;

    /** {@code true} or {@code false}, in any case. */
    boolean parseBool(byte[] b, int start, int end) {
        if (end - start == 4 && matchesIgnoringCase(b, start, "true")) {
            boolValue = true;
            return true;
        }
        if (end - start == 5 && matchesIgnoringCase(b, start, "false")) {
            boolValue = false;
            return true;
        }
        return false;
    }

    /** An optional sign and decimal digits that fit in a long. */
    boolean parseLong(byte[] b, int start, int end) {
        int i = start + signLength(b, start, end);
        boolean negative = i > start && b[start] == '-';
        if (i == end) {
            return false;
        }
        // Accumulate negatively: Long.MIN_VALUE has no positive counterpart.
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long multiplyLimit = limit / 10;
        long result = 0;
        for (; i < end; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9 || result < multiplyLimit) {
                return false;
            }
            result *= 10;
            if (result < limit + digit) {
                return false;
            }
            result -= digit;
        }
        longValue = negative ? result : -result;
        return true;
    }

    /**
     * A decimal number with an optional fraction and exponent, or {@code nan}, {@code inf},
     * {@code infinity} in any case. Numbers of up to 15 significant digits with a small exponent
     * are computed exactly from their digits; the rare rest go through {@link Double#parseDouble}.
     */
    boolean parseDouble(byte[] b, int start, int end) {
        int i = start + signLength(b, start, end);
        boolean negative = i > start && b[start] == '-';
        if (i < end && (b[i] | 0x20) >= 'a' && (b[i] | 0x20) <= 'z') {
            return parseSpecial(b, i, end, negative);
        }
        long mantissa = 0;
        int significant = 0;
        int exponent = 0;
        int digits = 0;
        boolean dot = false;
        for (; i < end; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                digits++;
                if (significant > 0 || c != '0') {
                    significant++;
                    if (significant <= 18) {
                        mantissa = mantissa * 10 + (c - '0');
                        exponent -= dot ? 1 : 0;
                    } else {
                        exponent += dot ? 0 : 1;
                    }
                } else if (dot) {
                    exponent--;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < end) {
            if ((b[i] | 0x20) != 'e' || !parseLong(b, i + 1, end) || Math.abs(longValue) > 100_000) {
                return false;
            }
            exponent += (int) longValue;
        }
        if (significant <= EXACT_DIGITS && Math.abs(exponent) < EXACT_POWERS.length) {
            double d = exponent >= 0 ? mantissa * EXACT_POWERS[exponent] : mantissa / EXACT_POWERS[-exponent];
            doubleValue = negative ? -d : d;
        } else {
            doubleValue = Double.parseDouble(new String(b, start, end - start, StandardCharsets.ISO_8859_1));
        }
        return true;
    }

    private boolean parseSpecial(byte[] b, int start, int end, boolean negative) {
        int length = end - start;
        if (length == 3 && matchesIgnoringCase(b, start, "nan")) {
            doubleValue = Double.NaN;
            return true;
        }
        if (length == 3 && matchesIgnoringCase(b, start, "inf") || length == 8 && matchesIgnoringCase(b, start, "infinity")) {
            doubleValue = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return true;
        }
        return false;
    }

    /**
     * The common decimal text, read without BigDecimal: an optional sign, digits, and at most
     * {@code scale} fraction digits, at most 18 digits once scaled; {@link #longValue} is then the
     * value unscaled. False for anything else (more fraction digits to round, an exponent, a
     * larger number, not a number), which the caller parses the slow way.
     */
    boolean parsePlainDecimal(byte[] b, int start, int end, int scale) {
        int i = start + signLength(b, start, end);
        boolean negative = i > start && b[start] == '-';
        long unscaled = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < end; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                unscaled = unscaled * 10 + (c - '0');
                digits++;
                fraction += fraction >= 0 ? 1 : 0;
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return false;
            }
        }
        fraction = Math.max(fraction, 0);
        if (digits == 0 || fraction > scale || digits + scale - fraction > 18) {
            return false;
        }
        for (int k = fraction; k < scale; k++) {
            unscaled *= 10;
        }
        longValue = negative ? -unscaled : unscaled;
        return true;
    }

    /** Exactly {@code YYYY-MM-DD}, a real calendar day; the value is days since 1970-01-01. */
    boolean parseDate(byte[] b, int start, int end) {
        if (end - start != 10 || b[start + 4] != '-' || b[start + 7] != '-') {
            return false;
        }
        int year = digits(b, start, 4);
        int month = digits(b, start + 5, 2);
        int day = digits(b, start + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return false;
        }
        dateValue = (int) LocalDate.of(year, month, day).toEpochDay();
        return true;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The number {@code count} digits spell, or -1 if one is not a digit. */
    private static int digits(byte[] b, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** 1 if the text starts with a sign, else 0. */
    private static int signLength(byte[] b, int start, int end) {
        return start < end && (b[start] == '-' || b[start] == '+') ? 1 : 0;
    }

    /** Whether the bytes at {@code start} spell the lower-case ASCII {@code word} in any case. */
    private static boolean matchesIgnoringCase(byte[] b, int start, String word) {
        for (int i = 0; i < word.length(); i++) {
            if ((b[start + i] | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
