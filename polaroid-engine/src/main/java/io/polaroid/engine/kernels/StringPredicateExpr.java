package io.polaroid.engine.kernels;

import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Values;
import io.polaroid.engine.vector.Vectors;
import java.nio.charset.StandardCharsets;
import com.google.re2j.Pattern;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * String tests against a literal pattern: CONTAINS, STARTS_WITH, ENDS_WITH and LIKE on raw UTF-8
 * bytes (the first three also of binary values, {@link #ofBytes}, and of a pattern per row,
 * {@link #ofColumn}), CONTAINS_REGEX with RE2J
 * ({@link UserRegex}, linear time). Null strings give null.
 */
public final class StringPredicateExpr implements PhysicalExpr {
    private final ScalarFn fn;
    private final PhysicalExpr input;
    private final String pattern;
    private final byte[] bytes;
    private final LikePattern like;
    private final Pattern regex;
    /** Patterns row by row (bin.contains of a column), or null for the one literal {@code bytes}. */
    private final PhysicalExpr patterns;

    public StringPredicateExpr(ScalarFn fn, PhysicalExpr input, String pattern) {
        this(fn, input, "'" + pattern + "'", pattern.getBytes(StandardCharsets.UTF_8));
    }

    private StringPredicateExpr(ScalarFn fn, PhysicalExpr input, String shown, byte[] bytes) {
        this(fn, input, shown, bytes, null);
    }

    private StringPredicateExpr(ScalarFn fn, PhysicalExpr input, String shown, byte[] bytes, PhysicalExpr patterns) {
        this.fn = fn;
        this.input = input;
        this.patterns = patterns;
        this.pattern = shown;
        this.bytes = bytes;
        String text = fn == ScalarFn.LIKE || fn == ScalarFn.CONTAINS_REGEX ? new String(bytes, StandardCharsets.UTF_8) : null;
        this.like = fn == ScalarFn.LIKE ? new LikePattern(text) : null;
        this.regex = fn == ScalarFn.CONTAINS_REGEX ? UserRegex.compile(text) : null;
    }

    /** CONTAINS, STARTS_WITH or ENDS_WITH of any bytes (a binary column's {@code bin.contains} ...). */
    public static StringPredicateExpr ofBytes(ScalarFn fn, PhysicalExpr input, byte[] pattern) {
        return new StringPredicateExpr(fn, input, io.polaroid.engine.types.Bytes.of(pattern).toString(), pattern.clone());
    }

    /** CONTAINS, STARTS_WITH or ENDS_WITH of the pattern of the same row; null where either is null (Polars). */
    public static StringPredicateExpr ofColumn(ScalarFn fn, PhysicalExpr input, PhysicalExpr patterns) {
        return new StringPredicateExpr(fn, input, patterns.toString(), new byte[0], patterns);
    }

    @Override
    public DataType type() {
        return DataType.BOOL;
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        try (FieldVector in = input.eval(batch, allocator);
             FieldVector column = patterns == null ? null : patterns.eval(batch, allocator)) {
            BitVector out = (BitVector) Vectors.allocate(DataType.BOOL, "", n, allocator);
            ArrowBuf offsets = ((BaseVariableWidthVector) in).getOffsetBuffer();
            ArrowBuf data = in.getDataBuffer();
            long[] words = new long[Bits.words(n)];
            for (int i = 0; i < n; i++) {
                int start = offsets.getInt((long) i << 2);
                int len = offsets.getInt((long) (i + 1) << 2) - start;
                byte[] needle = column == null ? bytes : column.isNull(i) ? null : ((BaseVariableWidthVector) column).get(i);
                boolean hit = needle != null && switch (fn) {
                    case CONTAINS -> StringKernels.indexOf(data, start, len, needle, 0) >= 0;
                    case STARTS_WITH -> len >= needle.length && StringKernels.equalsAt(data, start, needle);
                    case ENDS_WITH -> len >= needle.length && StringKernels.equalsAt(data, start + len - needle.length, needle);
                    case LIKE -> like.matches(data, start, len);
                    default -> !in.isNull(i) && regex.matcher(Values.string(in, i)).find();
                };
                if (hit) {
                    words[i >>> 6] |= 1L << i;
                }
            }
            ArrowBuf o = out.getDataBuffer();
            for (int w = 0; w < words.length; w++) {
                o.setLong((long) w << 3, words[w]);
            }
            if (column == null) {
                Bits.copyValidity(in, out, n);
            } else {
                Bits.andValidity(in, column, out, n);
            }
            out.setValueCount(n);
            return out;
        }
    }

    @Override
    public String toString() {
        return fn.symbol() + "(" + input + ", " + pattern + ")";
    }
}
