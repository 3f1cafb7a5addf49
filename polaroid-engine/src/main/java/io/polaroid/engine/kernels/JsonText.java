package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.FloatText;
import io.polaroid.engine.types.Scalars;
import java.math.BigDecimal;
import java.util.List;

/**
 * Values as the JSON text Polars' {@code struct.json_encode} writes: no spaces, numbers bare
 * (floats in their shortest form, scientific from 1e16 and below 1e-5, NaN and infinities null),
 * strings escaped, dates and times as the strings Polars prints, lists as arrays, structs as objects.
 */
final class JsonText {
    private JsonText() {
    }

    static String of(Object value, DataType type) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, type);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value, DataType type) {
        if (value == null) {
            sb.append("null");
            return;
        }
        switch (type.kind()) {
            case STRUCT -> {
                List<?> values = (List<?>) value;
                sb.append('{');
                for (int f = 0; f < values.size(); f++) {
                    sb.append(f == 0 ? "" : ",");
                    string(sb, type.fields().get(f).name());
                    sb.append(':');
                    write(sb, values.get(f), type.fields().get(f).type());
                }
                sb.append('}');
            }
            case LIST -> {
                List<?> values = (List<?>) value;
                sb.append('[');
                for (int k = 0; k < values.size(); k++) {
                    sb.append(k == 0 ? "" : ",");
                    write(sb, values.get(k), type.element());
                }
                sb.append(']');
            }
            case BOOL, INT8, INT16, INT32, INT64 -> sb.append(value);
            case FLOAT32 -> number(sb, (double) value, Float.toString((float) (double) (Double) value));
            case FLOAT64 -> number(sb, (double) value, Double.toString((Double) value));
            case DECIMAL -> sb.append(((BigDecimal) value).toPlainString());
            case UTF8 -> string(sb, (String) value);
            default -> string(sb, Scalars.format(value, type));
        }
    }

    private static void number(StringBuilder sb, double v, String shortest) {
        sb.append(Double.isNaN(v) || Double.isInfinite(v) ? "null" : FloatText.finite(v, shortest));
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
