package io.polaroid.engine.exec.window;

import io.polaroid.engine.exec.hash.Lanes;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Vectors;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * The functions whose value is another row's value, of any type: {@code shift(n, fill_value)} (the
 * row {@code n} earlier in the partition, later for a negative {@code n}), {@code reverse} (the
 * row as far from the partition's end as this one is from its start) and the fills
 * {@code forward_fill(limit)} / {@code backward_fill(limit)} (a null takes the nearest earlier /
 * later non-null value at most {@code limit} rows away). Rows with no source get the fill value,
 * or null.
 */
final class GatherFunction implements WindowFunction {
    static final int NONE = -1;

    /** Where each row of one partition takes its value from: writes {@code source[rows[p]]}. */
    interface Mapping {
        void map(int[] rows, int from, int to, int[] source);
    }

    private final FieldVector arg;
    private final DataType type;
    private final Mapping mapping;
    private final Object fill;
    private final int[] source;

    GatherFunction(FieldVector arg, DataType type, int n, Mapping mapping, Object fill) {
        this.arg = arg;
        this.type = type;
        this.mapping = mapping;
        this.fill = fill;
        this.source = new int[n];
    }

    static Mapping shift(long offset) {
        return (rows, from, to, source) -> {
            for (int p = from; p < to; p++) {
                long q = p - offset;
                source[rows[p]] = q < from || q >= to ? NONE : rows[(int) q];
            }
        };
    }

    static Mapping reverse() {
        return (rows, from, to, source) -> {
            for (int p = from; p < to; p++) {
                source[rows[p]] = rows[from + to - 1 - p];
            }
        };
    }

    /** Nulls take the nearest non-null value before them ({@code step} 1) or after them ({@code -1}), within {@code limit} rows. */
    static Mapping fill(long[] validity, int step, long limit) {
        return (rows, from, to, source) -> {
            int first = step > 0 ? from : to - 1;
            int end = step > 0 ? to : from - 1;
            int last = NONE;
            int lastAt = 0;
            for (int p = first; p != end; p += step) {
                int row = rows[p];
                if (Lanes.isValid(validity, row)) {
                    source[row] = row;
                    last = row;
                    lastAt = p;
                } else {
                    source[row] = last != NONE && Math.abs(p - lastAt) <= limit ? last : NONE;
                }
            }
        };
    }

    @Override
    public void compute(int[] rows, int from, int to) {
        mapping.map(rows, from, to, source);
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
