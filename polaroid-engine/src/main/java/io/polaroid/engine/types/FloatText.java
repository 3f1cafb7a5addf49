package io.polaroid.engine.types;

import java.math.BigDecimal;

/**
 * Floats as Polars writes them as text (a cast to String, JSON): the shortest digits that read back
 * as the value, {@code .0} on whole numbers, an exponent from 1e16 up and below 1e-5 ({@code 1e+20},
 * {@code 1e-7}), {@code NaN}, {@code inf} and {@code -0.0}.
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
        return finite(v, Double.toString(v));
    }

    /** A finite value's text, from {@code shortest}, Java's shortest text of it (of a float or a double). */
    public static String finite(double v, String shortest) {
        if (v == 0) {
            return 1 / v < 0 ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(shortest).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1; // of the first digit
        if (exponent >= 16 || exponent < -5) {
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
