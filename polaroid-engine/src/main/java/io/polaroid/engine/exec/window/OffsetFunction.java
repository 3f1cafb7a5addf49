package io.polaroid.engine.exec.window;

import io.polaroid.engine.exec.hash.Lanes;
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
    private final long[] validity;
    private final long[] longs;
    private final double[] doubles;
    private final Column out;

    OffsetFunction(WindowFn fn, long offset, FieldVector arg, DataType argType, DataType type, int n) {
        this.fn = fn;
        this.offset = offset;
        this.validity = Lanes.validity(arg, n);
        boolean integral = fn == WindowFn.DIFF && Column.isIntegral(argType);
        this.longs = integral ? Column.longs(arg, argType, n) : null;
        this.doubles = integral ? null : Column.doubles(arg, argType, n);
        this.out = new Column(type, n, true);
    }

    @Override
    public void compute(int[] rows, int from, int to) {
        for (int p = from; p < to; p++) {
            int row = rows[p];
            long q = p - offset;
            if (q < from || q >= to || !Lanes.isValid(validity, row) || !Lanes.isValid(validity, rows[(int) q])) {
                out.isNull[row] = true;
                continue;
            }
            int earlier = rows[(int) q];
            if (longs != null) {
                out.longs[row] = Column.subtract(longs[row], longs[earlier], out.type);
            } else if (fn == WindowFn.DIFF) {
                out.doubles[row] = doubles[row] - doubles[earlier];
            } else {
                out.doubles[row] = doubles[row] / doubles[earlier] - 1;
            }
        }
    }

    @Override
    public FieldVector finish(String name, BufferAllocator allocator) {
        return out.toVector(name, allocator);
    }
}
