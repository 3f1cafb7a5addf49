package io.polaroid.engine.exec.window;

import io.polaroid.engine.exec.sort.SortColumn;
import io.polaroid.engine.types.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code rle_id()}: the number of the run of equal values the row is in, from 0 at the partition's
 * start, one more each time the value changes (nulls are equal to each other), as Polars.
 */
final class RleIdFunction implements WindowFunction {
    private final SortColumn values;
    private final Column out;

    RleIdFunction(FieldVector arg, DataType type, int n) {
        this.values = SortColumn.of(arg, type, n, false, false);
        this.out = new Column(DataType.INT64, n, false);
    }

    @Override
    public void compute(int[] rows, int from, int to) {
        long run = 0;
        for (int p = from; p < to; p++) {
            if (p > from && values.compare(rows[p - 1], rows[p]) != 0) {
                run++;
            }
            out.longs[rows[p]] = run;
        }
    }

    @Override
    public FieldVector finish(String name, BufferAllocator allocator) {
        return out.toVector(name, allocator);
    }
}
