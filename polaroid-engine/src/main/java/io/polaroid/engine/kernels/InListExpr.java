package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code input is_in (v1, v2, ...)} against literal values of the input's type; null input gives
 * null, null values in the list never match. Numbers are searched in a sorted array, strings by
 * length and bytes.
 */
public final class InListExpr implements PhysicalExpr {
    private final PhysicalExpr input;
    private final List<Object> values;
    private final long[] longs;
    private final double[] doubles;
    private final byte[][] strings;
    private final long[][] decimals;
    /** Integer values spanning fewer than this many numbers are looked up in a bit set. */
    private static final long DENSE_SPAN = 1 << 16;
    /** Bit v - min is set for each integer value v, when they span a small range; else null. */
    private final long[] present;
    private final long min;
    /** The strings of at most 7 bytes, each packed with its length in a long (see {@link #packed}), sorted. */
    private final long[] shortStrings;

    public InListExpr(PhysicalExpr input, List<Object> values) {
        this.input = input;
        this.values = values.stream().filter(Objects::nonNull).toList();
        DataType t = input.type();
        long[] l = null;
        double[] d = null;
        byte[][] s = null;
        long[][] dec = null;
        switch (t.kind()) {
            case UTF8 -> s = this.values.stream().map(v -> ((String) v).getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
            case BINARY -> s = this.values.stream().map(v -> ((io.polaroid.engine.types.Bytes) v).toArray()).toArray(byte[][]::new);
            case FLOAT32, FLOAT64 -> d = this.values.stream().mapToDouble(v -> (Double) v).sorted().toArray();
            case DECIMAL -> dec = this.values.stream().map(v -> {
                BigInteger u = ((BigDecimal) v).setScale(t.scale()).unscaledValue();
                return new long[] {u.longValue(), u.shiftRight(64).longValue()};
            }).toArray(long[][]::new);
            case BOOL -> l = this.values.stream().mapToLong(v -> ((Boolean) v) ? 1 : 0).sorted().toArray();
            case DATE32 -> l = this.values.stream().mapToLong(v -> (Integer) v).sorted().toArray();
            default -> l = this.values.stream().mapToLong(v -> (Long) v).sorted().toArray();
        }
        this.longs = l;
        long span = l == null || l.length == 0 ? Long.MAX_VALUE : l[l.length - 1] - l[0];
        this.min = l == null || l.length == 0 ? 0 : l[0];
        if (span >= 0 && span < DENSE_SPAN) {
            present = new long[(int) (span >>> 6) + 1];
            for (long v : l) {
                present[(int) ((v - min) >>> 6)] |= 1L << (v - min);
            }
        } else {
            present = null;
        }
        this.doubles = d;
        this.strings = s;
        this.shortStrings = s == null ? null : Arrays.stream(s).filter(b -> b.length <= 7).mapToLong(InListExpr::packed).sorted().toArray();
        this.decimals = dec;
    }

    @Override
    public DataType type() {
        return DataType.BOOL;
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        try (FieldVector in = input.eval(batch, allocator)) {
            BitVector out = (BitVector) Vectors.allocate(DataType.BOOL, "", n, allocator);
            long[] words = new long[Bits.words(n)];
            ArrowBuf x = in.getDataBuffer();
            switch (input.type().kind()) {
                case INT8 -> {
                    for (int i = 0; i < n; i++) {
                        words[i >>> 6] |= containsLong(x.getByte(i)) ? 1L << i : 0;
                    }
                }
                case INT16 -> {
                    for (int i = 0; i < n; i++) {
                        words[i >>> 6] |= containsLong(x.getShort((long) i << 1)) ? 1L << i : 0;
                    }
                }
                case INT32, DATE32 -> {
                    for (int i = 0; i < n; i++) {
                        words[i >>> 6] |= containsLong(x.getInt((long) i << 2)) ? 1L << i : 0;
                    }
                }
                case INT64, TIMESTAMP, DURATION, TIME -> {
                    for (int i = 0; i < n; i++) {
                        words[i >>> 6] |= containsLong(x.getLong((long) i << 3)) ? 1L << i : 0;
                    }
                }
                default -> {
                    for (int i = 0; i < n; i++) {
                        words[i >>> 6] |= otherHit(in, x, i) ? 1L << i : 0;
                    }
                }
            }
            Bits.setValidity(out, words, n);
            ArrowBuf data = out.getDataBuffer();
            for (int w = 0; w < words.length; w++) {
                data.setLong((long) w << 3, words[w]);
            }
            Bits.copyValidity(in, out, n);
            out.setValueCount(n);
            return out;
        }
    }

    private boolean otherHit(FieldVector in, ArrowBuf x, int i) {
        return switch (input.type().kind()) {
            case FLOAT32 -> containsDouble(x.getFloat((long) i << 2));
            case FLOAT64 -> containsDouble(x.getDouble((long) i << 3));
            case BOOL -> containsLong((x.getByte(i >>> 3) >>> (i & 7)) & 1);
            case DECIMAL -> containsDecimal(x.getLong((long) i << 4), x.getLong(((long) i << 4) + 8));
            case UTF8, BINARY -> containsString(((BaseVariableWidthVector) in).getOffsetBuffer(), x, i);
            default -> false;
        };
    }

    /** Whether v is one of the integer values: a bit test when they span a small range, else a binary search. */
    private boolean containsLong(long v) {
        if (present != null) {
            long d = v - min;
            return d >= 0 && d < present.length * 64L && (present[(int) (d >>> 6)] & (1L << d)) != 0;
        }
        return Arrays.binarySearch(longs, v) >= 0;
    }

    /** A string of at most 7 bytes as one number: its length in the top byte, its bytes from the lowest up. */
    private static long packed(byte[] b) {
        long key = (long) b.length << 56;
        for (int k = 0; k < b.length; k++) {
            key |= (b[k] & 0xFFL) << (k << 3);
        }
        return key;
    }

    private boolean containsDouble(double v) {
        for (double d : doubles) {
            if (CompareExpr.compareDoubles(v, d) == 0) {
                return true;
            }
        }
        return false;
    }

    private boolean containsDecimal(long lo, long hi) {
        for (long[] d : decimals) {
            if (d[0] == lo && d[1] == hi) {
                return true;
            }
        }
        return false;
    }

    private boolean containsString(ArrowBuf offsets, ArrowBuf data, int i) {
        int start = offsets.getInt((long) i << 2);
        int len = offsets.getInt((long) (i + 1) << 2) - start;
        if (len <= 7) {
            long key = (long) len << 56;
            for (int k = 0; k < len; k++) {
                key |= (data.getByte(start + k) & 0xFFL) << (k << 3);
            }
            if (shortStrings.length > 8) {
                return Arrays.binarySearch(shortStrings, key) >= 0;
            }
            for (long candidate : shortStrings) {
                if (candidate == key) {
                    return true;
                }
            }
            return false;
        }
        for (byte[] s : strings) {
            if (s.length == len && StringKernels.equalsAt(data, start, s)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "is_in(" + input + ", " + values + ")";
    }
}
