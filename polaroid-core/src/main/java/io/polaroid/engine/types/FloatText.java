package io.polaroid.engine.types;

import java.math.BigDecimal;

/**
 * Floats as Polars writes them as text (a cast to String, JSON): the shortest digits that read back
 * as the value, {@code .0} on whole numbers, an exponent from 1e16 up and below 1e-5 ({@code 1e+20},
 * {@code 1e-7}; a float from 1e13 and below 1e-6), {@code NaN}, {@code inf} and {@code -0.0}.
 */
public final class FloatText {
    private FloatText() {
    }

    /** A double's text, as Polars casts it to String. */
    public static String of(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return finite(v, shortest(v, Double.toString(v), false), -5, 15);
    }

    /** A float's text (held in a double), with the digits of the float. */
    public static String ofFloat(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return of(v);
        }
        return finite(v, shortest(v, Float.toString((float) v), true), -6, 12);
    }

    /**
     * Java 17's toString is not always the shortest text that reads back (4.9E-324 for 5e-324, 17
     * digits where 16 do): where it may not be (subnormals, 16 digits or more), fewer digits are tried.
     */
    private static String shortest(double v, String text, boolean single) {
        BigDecimal d = new BigDecimal(text);
        boolean subnormal = single ? Math.abs((float) v) < Float.MIN_NORMAL : Math.abs(v) < Double.MIN_NORMAL;
        if (v == 0 || !subnormal && d.stripTrailingZeros().precision() < (single ? 8 : 16)) {
            return text;
        }
        BigDecimal exact = new BigDecimal(v);
        for (int digits = 1; digits < d.precision(); digits++) {
            BigDecimal fewer = exact.round(new java.math.MathContext(digits, java.math.RoundingMode.HALF_EVEN));
            boolean same = single ? fewer.floatValue() == (float) v : fewer.doubleValue() == v;
            if (same) {
                return fewer.toString();
            }
        }
        return text;
    }

    /** A finite double's text, from {@code shortest}, Java's shortest text of it. */
    public static String finite(double v, String shortest) {
        return finite(v, shortest, -5, 15);
    }

    /**
     * A finite value's text from its shortest digits: plain while the first digit's exponent is within
     * {@code plainFrom .. plainTo} (a double: 1e-5 to 1e15; a float, as Polars writes it: 1e-6 to 1e12).
     */
    static String finite(double v, String shortest, int plainFrom, int plainTo) {
        if (v == 0) {
            return 1 / v < 0 ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(shortest).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1; // of the first digit
        if (exponent > plainTo || exponent < plainFrom) {
            String digits = d.unscaledValue().abs().toString();
            StringBuilder sb = new StringBuilder().append(v < 0 ? "-" : "").append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            return sb.append('e').append(exponent > 0 ? "+" : "").append(exponent).toString();
        }
        String plain = d.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
