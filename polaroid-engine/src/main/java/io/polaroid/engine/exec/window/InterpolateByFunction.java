package io.polaroid.engine.exec.window;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code interpolate_by(by)}: the partition's rows sorted by {@code by} (ties in window order), a
 * null between two non-null values takes the value on the straight line between them, by the
 * {@code by} values; nulls before the first or after the last value stay null, as in Polars, which
 * does not take null {@code by} values.
 */
final class InterpolateByFunction implements WindowFunction {
    private final ArgValues x;
    private final ByKeys by;
    private final Column out;

    InterpolateByFunction(FieldVector arg, DataType argType, FieldVector byValues, DataType byType, DataType type, int n) {
        this.x = ArgValues.read(arg, argType, n, false);
        this.by = new ByKeys(byValues, byType, n, 1);
        this.out = new Column(type, n, true);
    }

    @Override
    public void compute(int[] rows, int from, int to) {
        int[] sorted = by.sorted(rows, from, to);
        if (sorted.length < to - from) {
            throw new PolaroidException(ErrorCode.INVALID_VALUE, "interpolate_by does not take null values in `by`");
        }
        int previous = -1;
        for (int p = 0; p < sorted.length; p++) {
            int row = sorted[p];
            if (!x.isValid(row)) {
                out.isNull[row] = true;
                continue;
            }
            out.doubles[row] = x.doubles()[row];
            if (previous >= 0 && p - previous > 1) {
                double start = x.doubles()[sorted[previous]];
                double startKey = by.key(sorted[previous]);
                double slope = (x.doubles()[row] - start) / (by.key(row) - startKey);
                for (int q = previous + 1; q < p; q++) {
                    out.isNull[sorted[q]] = false;
                    out.doubles[sorted[q]] = start + slope * (by.key(sorted[q]) - startKey);
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
