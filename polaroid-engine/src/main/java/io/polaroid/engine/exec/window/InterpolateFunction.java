package io.polaroid.engine.exec.window;

import io.polaroid.engine.types.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code interpolate()}: a null between two non-null values of its partition takes the value on the
 * straight line between them, by position; nulls before the first or after the last value stay
 * null, as in Polars.
 */
final class InterpolateFunction implements WindowFunction {
    private final ArgValues x;
    private final Column out;

    InterpolateFunction(FieldVector arg, DataType argType, DataType type, int n) {
        this.x = ArgValues.read(arg, argType, n, false);
        this.out = new Column(type, n, true);
    }

    @Override
    public void compute(int[] rows, int from, int to) {
        int previous = -1;
        for (int p = from; p < to; p++) {
            int row = rows[p];
            if (!x.isValid(row)) {
                out.isNull[row] = true;
                continue;
            }
            out.doubles[row] = x.doubles()[row];
            if (previous >= 0 && p - previous > 1) {
                double start = x.doubles()[rows[previous]];
                double step = (x.doubles()[row] - start) / (p - previous);
                for (int q = previous + 1; q < p; q++) {
                    out.isNull[rows[q]] = false;
                    out.doubles[rows[q]] = start + step * (q - previous);
                }
            }
            previous = p;
        }
    }

    @Override
    public FieldVector finish(String name, BufferAllocator allocator) {
        return out.toVector(name, allocator);
    }
}
