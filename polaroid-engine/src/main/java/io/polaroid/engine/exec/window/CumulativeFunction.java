package io.polaroid.engine.exec.window;

import io.polaroid.engine.expr.WindowFn;
import io.polaroid.engine.types.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * The running functions {@code cum_sum}, {@code cum_prod}, {@code cum_min}, {@code cum_max} and
 * {@code cum_count}, from the partition's first row in window order (its last when reversed).
 * As in Polars, a null row gets null and does not count (cum_count counts non-null values and is
 * never null); sums and products of floats carry NaN on, while min and max pass over it.
 */
final class CumulativeFunction implements WindowFunction {
    private final WindowFn fn;
    private final boolean reverse;
    private final ArgValues x;
    private final Column out;

    CumulativeFunction(WindowFn fn, boolean reverse, FieldVector arg, DataType argType, DataType type, int n) {
        this.fn = fn;
        this.reverse = reverse;
        this.x = fn == WindowFn.CUM_COUNT ? ArgValues.validityOf(arg, n)
                : ArgValues.read(arg, argType, n, !Column.isFloating(type));
        this.out = new Column(type, n, fn != WindowFn.CUM_COUNT);
    }

    @Override
    public void compute(int[] rows, int from, int to) {
        int step = reverse ? -1 : 1;
        int first = reverse ? to - 1 : from;
        int end = reverse ? from - 1 : to;
        if (fn == WindowFn.CUM_COUNT) {
            long count = 0;
            for (int p = first; p != end; p += step) {
                count += x.isValid(rows[p]) ? 1 : 0;
                out.longs[rows[p]] = count;
            }
        } else if (x.doubles() != null) {
            runDoubles(rows, first, end, step);
        } else {
            runLongs(rows, first, end, step);
        }
    }

    private void runLongs(int[] rows, int first, int end, int step) {
        boolean seen = false;
        long acc = 0;
        for (int p = first; p != end; p += step) {
            int row = rows[p];
            if (!x.isValid(row)) {
                out.isNull[row] = true;
                continue;
            }
            long v = x.longs()[row];
            acc = !seen ? v : switch (fn) {
                case CUM_SUM -> Column.add(acc, v, out.type);
                case CUM_PROD -> Column.multiply(acc, v, out.type);
                case CUM_MIN -> Math.min(acc, v);
                default -> Math.max(acc, v);
            };
            seen = true;
            out.longs[row] = acc;
        }
    }

    private void runDoubles(int[] rows, int first, int end, int step) {
        boolean seen = false;
        double acc = Double.NaN;
        for (int p = first; p != end; p += step) {
            int row = rows[p];
            if (!x.isValid(row)) {
                out.isNull[row] = true;
                continue;
            }
            double v = x.doubles()[row];
            if (!seen) {
                acc = v;
                seen = fn == WindowFn.CUM_SUM || fn == WindowFn.CUM_PROD || !Double.isNaN(v);
            } else {
                acc = switch (fn) {
                    case CUM_SUM -> acc + v;
                    case CUM_PROD -> acc * v;
                    case CUM_MIN -> Double.isNaN(v) ? acc : Math.min(acc, v);
                    default -> Double.isNaN(v) ? acc : Math.max(acc, v);
                };
            }
            out.doubles[row] = acc;
        }
    }

    @Override
    public FieldVector finish(String name, BufferAllocator allocator) {
        return out.toVector(name, allocator);
    }
}
