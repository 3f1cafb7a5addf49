package io.polaroid.engine.exec.window;

import io.polaroid.engine.expr.WindowFn;
import io.polaroid.engine.types.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code diff(n)} and {@code pct_change(n)}: the row's value against the one {@code n} rows
 * earlier in its partition (later for a negative {@code n}): {@code x - earlier} and
 * {@code x / earlier - 1}. Null when either is null or there is no such row, as in Polars.
 */
final class OffsetFunction implements WindowFunction {
    private final WindowFn fn;
    private final long offset;
    private final ArgValues x;
    private final Column out;

    OffsetFunction(WindowFn fn, long offset, FieldVector arg, DataType argType, DataType type, int n) {
        this.fn = fn;
        this.offset = offset;
        this.x = ArgValues.read(arg, argType, n, fn == WindowFn.DIFF && Column.isIntegral(argType));
        this.out = new Column(type, n, true);
    }

    @Override
    public void compute(int[] rows, int from, int to) {
        for (int p = from; p < to; p++) {
            int row = rows[p];
            long q = p - offset;
            if (q < from || q >= to || !x.isValid(row) || !x.isValid(rows[(int) q])) {
                out.isNull[row] = true;
                continue;
            }
            int earlier = rows[(int) q];
            if (x.longs() != null) {
                out.longs[row] = Column.subtract(x.longs()[row], x.longs()[earlier], out.type);
            } else if (fn == WindowFn.DIFF) {
                out.doubles[row] = x.doubles()[row] - x.doubles()[earlier];
            } else {
                out.doubles[row] = x.doubles()[row] / x.doubles()[earlier] - 1;
            }
        }
    }

    @Override
    public FieldVector finish(String name, BufferAllocator allocator) {
        return out.toVector(name, allocator);
    }
}
