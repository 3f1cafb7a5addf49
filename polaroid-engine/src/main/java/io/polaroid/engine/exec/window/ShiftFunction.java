package io.polaroid.engine.exec.window;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Vectors;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code shift(n, fill_value)}: the value {@code n} rows earlier in the row's partition (later for
 * a negative {@code n}), of any type; rows with no such row get the fill value, or null.
 */
final class ShiftFunction implements WindowFunction {
    private static final int NONE = -1;
    private final FieldVector arg;
    private final DataType type;
    private final long offset;
    private final Object fill;
    private final int[] source;

    ShiftFunction(FieldVector arg, DataType type, int n, long offset, Object fill) {
        this.arg = arg;
        this.type = type;
        this.offset = offset;
        this.fill = fill;
        this.source = new int[n];
    }

    @Override
    public void compute(int[] rows, int from, int to) {
        for (int p = from; p < to; p++) {
            long q = p - offset;
            source[rows[p]] = q < from || q >= to ? NONE : rows[(int) q];
        }
    }

    @Override
    public FieldVector finish(String name, BufferAllocator allocator) {
        int n = source.length;
        if (fill == null) {
            return Vectors.take(arg, source, n, allocator);
        }
        // The fill value becomes one more row after the argument's, which the rows without a source take.
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = source[i] == NONE ? n : source[i];
        }
        try (FieldVector fillRow = Vectors.constant(type, fill, 1, name, allocator);
             FieldVector withFill = Vectors.concat(List.of(arg, fillRow), type, name, allocator)) {
            return Vectors.take(withFill, indices, n, allocator);
        }
    }
}
