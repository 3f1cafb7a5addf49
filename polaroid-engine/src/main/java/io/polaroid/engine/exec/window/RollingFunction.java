package io.polaroid.engine.exec.window;

import io.polaroid.engine.expr.Quantile;
import io.polaroid.engine.expr.WindowFn;
import io.polaroid.engine.types.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Polars' fixed-size rolling functions ({@code rolling_sum/mean/min/max/std/var/median/quantile}): each row's
 * value over the {@code size} rows of its partition that end at it, or, centered, that surround it
 * ({@code size / 2} before, {@code (size - 1) / 2} after). Nulls in the window are skipped; with
 * fewer than {@code minSamples} values the result is null. NaN carries through, as in Polars.
 * Each window is read afresh: the cost is rows times the window size.
 */
final class RollingFunction implements WindowFunction {
    private final WindowFn fn;
    private final int size;
    private final int minSamples;
    private final boolean center;
    private final int ddof;
    private final Quantile quantile;
    private final ArgValues x;
    private final Column out;

    RollingFunction(WindowFn fn, WindowFn.RollingWindow window, FieldVector arg, DataType argType, DataType type, int n) {
        this.fn = fn;
        this.size = window.size();
        this.minSamples = window.minSamples();
        this.center = window.center();
        this.ddof = window.ddof();
        this.quantile = window.quantile();
        this.x = ArgValues.read(arg, argType, n, Column.isIntegral(argType) && !Column.isFloating(type));
        this.out = new Column(type, n, true);
    }

    @Override
    public void compute(int[] rows, int from, int to) {
        for (int p = from; p < to; p++) {
            int lo = Math.max(from, center ? p - size / 2 : p - size + 1);
            int hi = Math.min(to - 1, center ? p + (size - 1) / 2 : p);
            int row = rows[p];
            if (x.longs() != null) {
                windowOfLongs(rows, lo, hi, row);
            } else {
                windowOfDoubles(rows, lo, hi, row);
            }
        }
    }

    private void windowOfLongs(int[] rows, int lo, int hi, int row) {
        int count = 0;
        long acc = 0;
        for (int q = lo; q <= hi; q++) {
            int r = rows[q];
            if (!x.isValid(r)) {
                continue;
            }
            long v = x.longs()[r];
            acc = count == 0 ? v : switch (fn) {
                case ROLLING_SUM -> Column.add(acc, v, out.type);
                case ROLLING_MIN -> Math.min(acc, v);
                default -> Math.max(acc, v);
            };
            count++;
        }
        if (count < minSamples || count == 0) {
            out.isNull[row] = true;
        } else {
            out.longs[row] = acc;
        }
    }

    private void windowOfDoubles(int[] rows, int lo, int hi, int row) {
        if (quantile != null) {
            quantileOf(rows, lo, hi, row);
            return;
        }
        int count = 0;
        double acc = 0;
        double mean = 0;
        double squares = 0;
        for (int q = lo; q <= hi; q++) {
            int r = rows[q];
            if (!x.isValid(r)) {
                continue;
            }
            double v = x.doubles()[r];
            count++;
            switch (fn) {
                case ROLLING_MIN -> acc = count == 1 ? v : Math.min(acc, v);
                case ROLLING_MAX -> acc = count == 1 ? v : Math.max(acc, v);
                case ROLLING_SUM, ROLLING_MEAN -> acc += v;
                default -> { // Welford's running mean and sum of squared deviations
                    double delta = v - mean;
                    mean += delta / count;
                    squares += delta * (v - mean);
                }
            }
        }
        if (count < minSamples || count == 0 || (fn == WindowFn.ROLLING_STD || fn == WindowFn.ROLLING_VAR) && count <= ddof) {
            out.isNull[row] = true;
            return;
        }
        out.doubles[row] = switch (fn) {
            case ROLLING_MEAN -> acc / count;
            case ROLLING_VAR -> squares / (count - ddof);
            case ROLLING_STD -> Math.sqrt(squares / (count - ddof));
            default -> acc;
        };
    }

    /** The window's quantile: its non-null values sorted (NaN last), then {@link Quantile#of}. */
    private void quantileOf(int[] rows, int lo, int hi, int row) {
        double[] window = new double[hi - lo + 1];
        int count = 0;
        for (int q = lo; q <= hi; q++) {
            if (x.isValid(rows[q])) {
                window[count++] = x.doubles()[rows[q]];
            }
        }
        if (count < minSamples || count == 0) {
            out.isNull[row] = true;
            return;
        }
        java.util.Arrays.sort(window, 0, count);
        out.doubles[row] = quantile.of(window, 0, count);
    }

    @Override
    public FieldVector finish(String name, BufferAllocator allocator) {
        return out.toVector(name, allocator);
    }
}
