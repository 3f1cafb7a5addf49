package io.polaroid.engine.exec.window;

import io.polaroid.engine.expr.WindowFn;
import io.polaroid.engine.expr.WindowOptions;
import io.polaroid.engine.types.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Polars' {@code rolling_*_by}: each row's value over the rows of its partition whose {@code by}
 * value lies in the period ending at the row's (ties in {@code by} share their window), whatever
 * the window order, as Polars sorts by {@code by}. Null values in the window are skipped; a row
 * whose {@code by} is null gets null; fewer than {@code minSamples} values give null (a sum of
 * none is 0 when {@code minSamples} is 0). Each window is read afresh: the cost is rows times the
 * window's rows.
 */
final class RollingByFunction implements WindowFunction {
    private final WindowFn fn;
    private final WindowOptions.ByWindow window;
    private final ArgValues x;
    private final ByKeys by;
    private final Column out;

    RollingByFunction(WindowFn fn, WindowOptions.ByWindow window, FieldVector arg, DataType argType, FieldVector byValues,
                      DataType byType, DataType type, int n) {
        this.fn = fn;
        this.window = window;
        this.x = ArgValues.read(arg, argType, n, Column.isIntegral(argType) && !Column.isFloating(type));
        this.by = new ByKeys(byValues, byType, n, window.scale());
        this.out = new Column(type, n, true);
    }

    @Override
    public void compute(int[] rows, int from, int to) {
        for (int p = from; p < to; p++) {
            if (!by.isValid(rows[p])) {
                out.isNull[rows[p]] = true;
            }
        }
        int[] sorted = by.sorted(rows, from, to);
        int lo = 0;
        int hi = 0; // the window is sorted[lo..hi)
        for (int i = 0; i < sorted.length; i++) {
            long key = by.key(sorted[i]);
            long start = key - window.period();
            while (hi < sorted.length && (window.closedRight() ? by.key(sorted[hi]) <= key : by.key(sorted[hi]) < key)) {
                hi++;
            }
            while (lo < hi && (window.closedLeft() ? by.key(sorted[lo]) < start : by.key(sorted[lo]) <= start)) {
                lo++;
            }
            if (x.longs() != null) {
                windowOfLongs(sorted, lo, hi, sorted[i]);
            } else {
                windowOfDoubles(sorted, lo, hi, sorted[i]);
            }
        }
    }

    private void windowOfLongs(int[] rows, int lo, int hi, int row) {
        int count = 0;
        long acc = 0;
        for (int q = lo; q < hi; q++) {
            int r = rows[q];
            if (!x.isValid(r)) {
                continue;
            }
            long v = x.longs()[r];
            acc = count == 0 ? v : switch (fn) {
                case ROLLING_SUM_BY -> Column.add(acc, v, out.type);
                case ROLLING_MIN_BY -> Math.min(acc, v);
                default -> Math.max(acc, v);
            };
            count++;
        }
        if (count < window.minSamples() || count == 0 && fn != WindowFn.ROLLING_SUM_BY) {
            out.isNull[row] = true;
        } else {
            out.longs[row] = acc;
        }
    }

    private void windowOfDoubles(int[] rows, int lo, int hi, int row) {
        double[] values = new double[hi - lo];
        int count = 0;
        for (int q = lo; q < hi; q++) {
            if (x.isValid(rows[q])) {
                values[count++] = x.doubles()[rows[q]];
            }
        }
        boolean spread = fn == WindowFn.ROLLING_STD_BY || fn == WindowFn.ROLLING_VAR_BY;
        if (count < window.minSamples() || count == 0 && fn != WindowFn.ROLLING_SUM_BY || spread && count <= window.ddof()) {
            out.isNull[row] = true;
            return;
        }
        out.doubles[row] = switch (fn) {
            case ROLLING_SUM_BY, ROLLING_MEAN_BY -> {
                double sum = 0;
                for (int i = 0; i < count; i++) {
                    sum += values[i];
                }
                yield fn == WindowFn.ROLLING_SUM_BY ? sum : sum / count;
            }
            case ROLLING_MIN_BY, ROLLING_MAX_BY -> {
                double acc = values[0];
                for (int i = 1; i < count; i++) {
                    acc = fn == WindowFn.ROLLING_MIN_BY ? Math.min(acc, values[i]) : Math.max(acc, values[i]);
                }
                yield acc;
            }
            case ROLLING_STD_BY, ROLLING_VAR_BY -> {
                double mean = 0;
                double squares = 0;
                for (int i = 0; i < count; i++) { // Welford's running mean and sum of squared deviations
                    double delta = values[i] - mean;
                    mean += delta / (i + 1);
                    squares += delta * (values[i] - mean);
                }
                double variance = squares / (count - window.ddof());
                yield fn == WindowFn.ROLLING_STD_BY ? Math.sqrt(variance) : variance;
            }
            default -> {
                java.util.Arrays.sort(values, 0, count);
                yield window.quantile().of(values, 0, count);
            }
        };
    }

    @Override
    public FieldVector finish(String name, BufferAllocator allocator) {
        return out.toVector(name, allocator);
    }
}
