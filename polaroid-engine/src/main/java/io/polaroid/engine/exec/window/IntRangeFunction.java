package io.polaroid.engine.exec.window;

import io.polaroid.engine.types.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** {@code int_range(start, len())}: the row's position in its partition, in window order, plus a start. */
final class IntRangeFunction implements WindowFunction {
    private final long start;
    private final Column out;

    IntRangeFunction(int n, long start) {
        this.start = start;
        this.out = new Column(DataType.INT64, n, false);
    }

    @Override
    public void compute(int[] rows, int from, int to) {
        for (int p = from; p < to; p++) {
            out.longs[rows[p]] = start + p - from;
        }
    }

    @Override
    public FieldVector finish(String name, BufferAllocator allocator) {
        return out.toVector(name, allocator);
    }
}
