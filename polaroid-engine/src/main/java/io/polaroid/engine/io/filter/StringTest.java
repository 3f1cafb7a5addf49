package io.polaroid.engine.io.filter;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.kernels.LikePattern;
import io.polaroid.engine.kernels.StringKernels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * A test of one string column against literals, that a reader can run on a dictionary's entries
 * instead of on every row: equality, is_in, like, starts_with, ends_with, contains, and their
 * negations. A null string never passes (as a filter treats null).
 */
public abstract non-sealed class StringTest implements ColumnTest {
    private final String column;

    StringTest(String column) {
        this.column = column;
    }

    @Override
    public String column() {
        return column;
    }

    @Override
    public void andTest(FieldVector v, int n, long[] pass, int at) {
        ArrowBuf offsets = ((BaseVariableWidthVector) v).getOffsetBuffer();
        ArrowBuf data = v.getDataBuffer();
        for (int i = 0; i < n; i++) {
            int start = offsets.getInt((long) i << 2);
            int len = offsets.getInt((long) (i + 1) << 2) - start;
            if (v.isNull(i) || !test(data, start, len)) {
                int r = at + i;
                pass[r >>> 6] &= ~(1L << r);
            }
        }
    }

    @Override
    public byte[] verdicts(FieldVector dictionary, int size) {
        byte[] out = new byte[size];
        ArrowBuf offsets = ((BaseVariableWidthVector) dictionary).getOffsetBuffer();
        ArrowBuf data = dictionary.getDataBuffer();
        for (int i = 0; i < size; i++) {
            int start = offsets.getInt((long) i << 2);
            out[i] = (byte) (test(data, start, offsets.getInt((long) (i + 1) << 2) - start) ? 1 : 0);
        }
        return out;
    }

    /** Whether the UTF-8 bytes {@code data[start .. start+len)} pass. */
    public abstract boolean test(ArrowBuf data, long start, int len);

    /**
     * The test a filter conjunct amounts to, or null when it is not a test of one string column
     * against literals.
     */
    public static StringTest of(BoundExpr conjunct) {
        if (!(conjunct instanceof BoundExpr.Call c)) {
            return null;
        }
        if (c.fn() == ScalarFn.NOT) {
            StringTest inner = of(c.args().get(0));
            return inner == null ? null : new Not(inner);
        }
        if (c.args().isEmpty() || !(c.args().get(0) instanceof BoundExpr.ColumnRef col)
                || col.type().kind() != io.polaroid.engine.types.TypeKind.UTF8) {
            return null;
        }
        List<byte[]> literals = new ArrayList<>();
        for (BoundExpr arg : c.args().subList(1, c.args().size())) {
            if (!(arg instanceof BoundExpr.Literal l) || !(l.value() instanceof String s)) {
                return null;
            }
            literals.add(s.getBytes(StandardCharsets.UTF_8));
        }
        if (literals.isEmpty()) {
            return null;
        }
        String name = col.name();
        return switch (c.fn()) {
            case EQ, IS_IN -> new AnyOf(name, literals);
            case NE -> new Not(new AnyOf(name, literals));
            case LIKE -> new Like(name, ((BoundExpr.Literal) c.args().get(1)).value().toString());
            case STARTS_WITH -> new Affix(name, literals.get(0), true);
            case ENDS_WITH -> new Affix(name, literals.get(0), false);
            case CONTAINS -> new Contains(name, literals.get(0));
            default -> null;
        };
    }

    /** All of several tests of one column. */
    public static StringTest allOf(List<StringTest> tests) {
        return tests.size() == 1 ? tests.get(0) : new AllOf(tests);
    }

    private static final class AllOf extends StringTest {
        private final List<StringTest> tests;

        AllOf(List<StringTest> tests) {
            super(tests.get(0).column());
            this.tests = tests;
        }

        @Override
        public boolean test(ArrowBuf data, long start, int len) {
            for (StringTest t : tests) {
                if (!t.test(data, start, len)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final class AnyOf extends StringTest {
        private final List<byte[]> values;

        AnyOf(String column, List<byte[]> values) {
            super(column);
            this.values = values;
        }

        @Override
        public boolean test(ArrowBuf data, long start, int len) {
            for (byte[] v : values) {
                if (v.length == len && StringKernels.equalsAt(data, start, v)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class Like extends StringTest {
        private final LikePattern pattern;

        Like(String column, String pattern) {
            super(column);
            this.pattern = new LikePattern(pattern);
        }

        @Override
        public boolean test(ArrowBuf data, long start, int len) {
            return pattern.matches(data, start, len);
        }
    }

    private static final class Affix extends StringTest {
        private final byte[] affix;
        private final boolean prefix;

        Affix(String column, byte[] affix, boolean prefix) {
            super(column);
            this.affix = affix;
            this.prefix = prefix;
        }

        @Override
        public boolean test(ArrowBuf data, long start, int len) {
            return len >= affix.length && StringKernels.equalsAt(data, prefix ? start : start + len - affix.length, affix);
        }
    }

    private static final class Contains extends StringTest {
        private final byte[] needle;

        Contains(String column, byte[] needle) {
            super(column);
            this.needle = needle;
        }

        @Override
        public boolean test(ArrowBuf data, long start, int len) {
            return StringKernels.indexOf(data, start, len, needle, 0) >= 0;
        }
    }

    private static final class Not extends StringTest {
        private final StringTest inner;

        Not(StringTest inner) {
            super(inner.column());
            this.inner = inner;
        }

        @Override
        public boolean test(ArrowBuf data, long start, int len) {
            return !inner.test(data, start, len);
        }
    }
}
