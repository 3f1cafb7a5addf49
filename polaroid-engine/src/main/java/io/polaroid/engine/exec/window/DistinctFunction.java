package io.polaroid.engine.exec.window;

import io.polaroid.engine.exec.sort.IntSorter;
import io.polaroid.engine.exec.sort.SortColumn;
import io.polaroid.engine.types.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code is_first_distinct} and {@code is_last_distinct}: whether the row is the first (last) of
 * its partition, in window order, with its value. Null is a value like any other, and so is NaN.
 */
final class DistinctFunction implements WindowFunction {
    private final SortColumn values;
    private final boolean last;
    private final Column out;

    DistinctFunction(FieldVector arg, DataType type, int n, boolean last) {
        this.values = SortColumn.of(arg, type, n, false, true);
        this.last = last;
        this.out = new Column(DataType.BOOL, n, false);
    }

    @Override
    public void compute(int[] rows, int from, int to) {
        int m = to - from;
        int[] byValue = new int[m];
        System.arraycopy(rows, from, byValue, 0, m);
        IntSorter.sort(byValue, m, values); // stable: equal values stay in window order
        for (int start = 0; start < m; ) {
            int end = start + 1;
            while (end < m && values.compare(byValue[start], byValue[end]) == 0) {
                end++;
            }
            out.longs[byValue[last ? end - 1 : start]] = 1;
            start = end;
        }
    }

    @Override
    public FieldVector finish(String name, BufferAllocator allocator) {
        return out.toVector(name, allocator);
    }
}
