package io.polaroid.engine.kernels;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Values;
import io.polaroid.engine.vector.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * String to string: SLICE (characters from a 0-based offset, negative from the end; a null
 * length means to the end), UPPER, LOWER and STRIP (whitespace, or the given characters).
 * ASCII text is handled on bytes; other text through Java strings.
 */
public record StringTransformExpr(ScalarFn fn, PhysicalExpr input, long offset, Long length, String stripChars)
        implements PhysicalExpr {

    @Override
    public DataType type() {
        return DataType.UTF8;
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        try (FieldVector in = input.eval(batch, allocator)) {
            return Utf8Writer.mapRows(in, DataType.UTF8, n, Vectors.dataBytes(in), allocator, (data, start, len, i, out) -> {
                switch (fn) {
                    case SLICE -> slice(data, start, len, out);
                    case UPPER, LOWER -> changeCase(in, data, start, len, i, out);
                    case STRIP -> strip(in, data, start, len, i, out);
                    default -> throw PolaroidException.internal(fn + " is not a string transform");
                }
            });
        }
    }

    /**
     * Characters {@code offset .. offset + length} of the string, as Polars counts them: a
     * negative offset counts from the end, and the end is reckoned from it before both are held
     * to the string ("abc" sliced at -5 for 3 is "a"). Only a negative offset needs the length in
     * characters.
     */
    private void slice(ArrowBuf data, int start, int len, Utf8Writer out) {
        long from;
        long to;
        if (offset >= 0) {
            from = offset;
            to = length == null ? Long.MAX_VALUE : offset + Math.max(length, 0);
        } else {
            int chars = StringKernels.charCount(data, start, len);
            long first = chars + offset;
            to = length == null ? chars : first + Math.max(length, 0);
            from = Math.max(first, 0);
        }
        int b0 = StringKernels.charOffset(data, start, len, (int) Math.min(from, len));
        int b1 = to <= from ? b0 : b0 + StringKernels.charOffset(data, start + b0, len - b0, (int) Math.min(to - from, len));
        out.append(data, start + b0, b1 - b0);
    }

    private void changeCase(FieldVector in, ArrowBuf data, int start, int len, int i, Utf8Writer out) {
        boolean ascii = true;
        for (int k = 0; k < len && ascii; k++) {
            ascii = data.getByte(start + k) >= 0;
        }
        if (!ascii) {
            String s = Values.string(in, i);
            out.append((fn == ScalarFn.UPPER ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT))
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] b = new byte[len];
        data.getBytes(start, b);
        for (int k = 0; k < len; k++) {
            byte c = b[k];
            if (fn == ScalarFn.UPPER && c >= 'a' && c <= 'z') {
                b[k] = (byte) (c - 32);
            } else if (fn == ScalarFn.LOWER && c >= 'A' && c <= 'Z') {
                b[k] = (byte) (c + 32);
            }
        }
        out.append(b);
    }

    private void strip(FieldVector in, ArrowBuf data, int start, int len, int i, Utf8Writer out) {
        if (stripChars == null) {
            int a = 0;
            int b = len;
            while (a < b && isSpace(data.getByte(start + a))) {
                a++;
            }
            while (b > a && isSpace(data.getByte(start + b - 1))) {
                b--;
            }
            out.append(data, start + a, b - a);
            return;
        }
        String s = Values.string(in, i);
        int a = 0;
        int b = s.length();
        while (a < b && stripChars.indexOf(s.charAt(a)) >= 0) {
            a++;
        }
        while (b > a && stripChars.indexOf(s.charAt(b - 1)) >= 0) {
            b--;
        }
        out.append(s.substring(a, b).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f';
    }

    @Override
    public String toString() {
        return switch (fn) {
            case SLICE -> fn.symbol() + "(" + input + ", " + offset + (length == null ? "" : ", " + length) + ")";
            case STRIP -> fn.symbol() + "(" + input + (stripChars == null ? "" : ", '" + stripChars + "'") + ")";
            default -> fn.symbol() + "(" + input + ")";
        };
    }

}
