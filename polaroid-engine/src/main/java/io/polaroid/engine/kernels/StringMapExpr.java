package io.polaroid.engine.kernels;

import com.google.re2j.Pattern;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Values;
import io.polaroid.engine.vector.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * String to string through Java strings, counting characters as code points (as Polars does):
 * regex replacement (RE2, linear time), reverse, padding, zfill, head, tail and one-sided strips.
 * {@code params} are the call's literal arguments after the string.
 */
public record StringMapExpr(ScalarFn fn, PhysicalExpr input, List<Object> params) implements PhysicalExpr {
    @Override
    public DataType type() {
        return DataType.UTF8;
    }

    private UnaryOperator<String> operator() {
        return switch (fn) {
            case REPLACE, REPLACE_ALL -> {
                Pattern pattern = UserRegex.compile((String) params.get(0));
                String replacement = (String) params.get(1);
                yield fn == ScalarFn.REPLACE ? s -> pattern.matcher(s).replaceFirst(replacement)
                        : s -> pattern.matcher(s).replaceAll(replacement);
            }
            case REVERSE -> s -> new StringBuilder(s).reverse().toString();
            case PAD_START, PAD_END -> {
                int length = Math.toIntExact((Long) params.get(0));
                String fill = (String) params.get(1);
                yield s -> {
                    int missing = length - s.codePointCount(0, s.length());
                    return missing <= 0 ? s : fn == ScalarFn.PAD_START ? fill.repeat(missing) + s : s + fill.repeat(missing);
                };
            }
            case ZFILL -> {
                int length = Math.toIntExact((Long) params.get(0));
                yield s -> {
                    int missing = length - s.codePointCount(0, s.length());
                    if (missing <= 0) {
                        return s;
                    }
                    boolean signed = s.startsWith("-") || s.startsWith("+");
                    return signed ? s.charAt(0) + "0".repeat(missing) + s.substring(1) : "0".repeat(missing) + s;
                };
            }
            case STR_HEAD, STR_TAIL -> {
                long n = (Long) params.get(0);
                yield s -> {
                    int chars = s.codePointCount(0, s.length());
                    long keep = n >= 0 ? Math.min(n, chars) : Math.max(chars + n, 0);
                    int from = fn == ScalarFn.STR_HEAD ? 0 : s.offsetByCodePoints(0, (int) (chars - keep));
                    int to = fn == ScalarFn.STR_HEAD ? s.offsetByCodePoints(0, (int) keep) : s.length();
                    return s.substring(from, to);
                };
            }
            case STRIP_START, STRIP_END -> {
                String chars = (String) params.get(0);
                yield s -> strip(s, chars, fn == ScalarFn.STRIP_START);
            }
            default -> throw PolaroidException.internal(fn + " is not a string map");
        };
    }

    private static String strip(String s, String chars, boolean start) {
        int from = 0;
        int to = s.length();
        if (start) {
            while (from < to && stripped(s.codePointAt(from), chars)) {
                from += Character.charCount(s.codePointAt(from));
            }
        } else {
            while (to > from && stripped(s.codePointBefore(to), chars)) {
                to -= Character.charCount(s.codePointBefore(to));
            }
        }
        return s.substring(from, to);
    }

    private static boolean stripped(int codePoint, String chars) {
        return chars == null ? Character.isWhitespace(codePoint) : chars.indexOf(codePoint) >= 0;
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        UnaryOperator<String> op = operator();
        try (FieldVector in = input.eval(batch, allocator)) {
            Utf8Writer out = new Utf8Writer(n, Vectors.dataBytes(in), allocator);
            try {
                for (int i = 0; i < n; i++) {
                    if (in.isNull(i)) {
                        out.appendNull();
                    } else {
                        out.append(op.apply(Values.string(in, i)).getBytes(StandardCharsets.UTF_8));
                    }
                }
                return out.finish();
            } catch (RuntimeException | Error e) {
                out.closeOnError();
                throw e;
            }
        }
    }

    @Override
    public String toString() {
        return fn.symbol() + "(" + input + (params.isEmpty() ? "" : ", " + params) + ")";
    }
}
