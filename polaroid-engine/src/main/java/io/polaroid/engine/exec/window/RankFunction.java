package io.polaroid.engine.exec.window;

import io.polaroid.engine.exec.hash.Lanes;
import io.polaroid.engine.exec.sort.IntSorter;
import io.polaroid.engine.exec.sort.SortColumn;
import io.polaroid.engine.expr.WindowFn.RankMethod;
import io.polaroid.engine.types.DataType;
import java.util.Arrays;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code rank(method, descending)}: each value's rank among its partition's non-null values, from
 * 1; nulls get null, NaN ranks above every number (Polars). Ties are numbered by the method,
 * {@code ordinal} ones in window order. Numbers are ranked through a primitive sort of order-keeping
 * longs and two binary searches per row; other types through a comparison sort.
 */
final class RankFunction implements WindowFunction {
    private final SortColumn values;
    /** The values as longs in the rank's order (descending ones negated), or null for a comparison sort. */
    private final long[] keys;
    private final long[] validity;
    private final RankMethod method;
    private final Column out;

    RankFunction(FieldVector arg, DataType type, int n, RankMethod method, boolean descending) {
        this.values = SortColumn.of(arg, type, n, descending, true);
        this.keys = OrderKeys.of(arg, type, n, descending);
        this.validity = Lanes.validity(arg, n);
        this.method = method;
        this.out = new Column(method == RankMethod.AVERAGE ? DataType.FLOAT64 : DataType.INT64, n, true);
    }

    @Override
    public void compute(int[] rows, int from, int to) {
        if (keys != null) {
            computeByKeys(rows, from, to);
            return;
        }
        int[] ranked = new int[to - from];
        int m = 0;
        for (int p = from; p < to; p++) {
            if (Lanes.isValid(validity, rows[p])) {
                ranked[m++] = rows[p];
            } else {
                out.isNull[rows[p]] = true;
            }
        }
        IntSorter.sort(ranked, m, values); // stable: ties stay in window order
        int dense = 0;
        for (int start = 0; start < m; ) {
            int end = start + 1;
            while (end < m && values.compare(ranked[start], ranked[end]) == 0) {
                end++;
            }
            dense++;
            for (int i = start; i < end; i++) {
                set(ranked[i], switch (method) {
                    case MIN -> start + 1;
                    case MAX -> end;
                    case DENSE -> dense;
                    case ORDINAL -> i + 1;
                    case AVERAGE -> (start + 1 + end) / 2.0;
                });
            }
            start = end;
        }
    }

    private void computeByKeys(int[] rows, int from, int to) {
        long[] sorted = new long[to - from];
        int m = 0;
        for (int p = from; p < to; p++) {
            if (Lanes.isValid(validity, rows[p])) {
                sorted[m++] = keys[rows[p]];
            } else {
                out.isNull[rows[p]] = true;
            }
        }
        Arrays.sort(sorted, 0, m);
        int[] dense = method == RankMethod.DENSE ? new int[m] : null;
        for (int i = 0, d = 0; dense != null && i < m; i++) {
            d += i == 0 || sorted[i] != sorted[i - 1] ? 1 : 0;
            dense[i] = d;
        }
        int[] taken = method == RankMethod.ORDINAL ? new int[m] : null;
        for (int p = from; p < to; p++) {
            int row = rows[p];
            if (!Lanes.isValid(validity, row)) {
                continue;
            }
            int low = OrderKeys.lowerBound(sorted, m, keys[row]);
            set(row, switch (method) {
                case MIN -> low + 1;
                case MAX -> OrderKeys.upperBound(sorted, m, keys[row]);
                case DENSE -> dense[low];
                case ORDINAL -> low + 1 + taken[low]++;
                case AVERAGE -> (low + 1 + OrderKeys.upperBound(sorted, m, keys[row])) / 2.0;
            });
        }
    }

    private void set(int row, double rank) {
        if (out.doubles != null) {
            out.doubles[row] = rank;
        } else {
            out.longs[row] = (long) rank;
        }
    }

    @Override
    public FieldVector finish(String name, BufferAllocator allocator) {
        return out.toVector(name, allocator);
    }
}
