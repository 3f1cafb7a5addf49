package io.polaroid.engine.exec.window;

import io.polaroid.engine.expr.WindowOptions;
import io.polaroid.engine.types.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Polars' {@code ewm_mean_by(by, half_life)}: in {@code by} order (ties in window order), the first
 * value is itself, and each next value {@code y = a x + (1 - a) y'} of the previous result {@code y'},
 * where {@code a = 1 - exp(-ln 2 dt / half_life)} and {@code dt} is the time since the previous
 * non-null value. Null values and rows whose {@code by} is null get null.
 */
final class EwmByFunction implements WindowFunction {
    private final WindowOptions.ByWindow window;
    private final ArgValues x;
    private final ByKeys by;
    private final Column out;

    EwmByFunction(WindowOptions.ByWindow window, FieldVector arg, DataType argType, FieldVector byValues, DataType byType,
                  DataType type, int n) {
        this.window = window;
        this.x = ArgValues.read(arg, argType, n, false);
        this.by = new ByKeys(byValues, byType, n, window.scale());
        this.out = new Column(type, n, true);
    }

    @Override
    public void compute(int[] rows, int from, int to) {
        for (int p = from; p < to; p++) {
            out.isNull[rows[p]] = true;
        }
        boolean started = false;
        double previous = 0;
        long previousKey = 0;
        for (int row : by.sorted(rows, from, to)) {
            if (!x.isValid(row)) {
                continue;
            }
            double v = x.doubles()[row];
            long key = by.key(row);
            if (started) {
                double keep = Math.exp(-Math.log(2) * (key - previousKey) / window.period());
                v = (1 - keep) * v + keep * previous;
            }
            started = true;
            previous = v;
            previousKey = key;
            out.isNull[row] = false;
            out.doubles[row] = v;
        }
    }

    @Override
    public FieldVector finish(String name, BufferAllocator allocator) {
        return out.toVector(name, allocator);
    }
}
