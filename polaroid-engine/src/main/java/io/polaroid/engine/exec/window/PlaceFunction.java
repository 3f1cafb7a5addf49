package io.polaroid.engine.exec.window;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.Placement;
import io.polaroid.engine.vector.Vectors;
import java.util.Arrays;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

/**
 * A row-set expression's column ({@code sort}, {@code head}, {@code gather}, ...): output {@code j}
 * of a partition is the row its {@link Placement} picks from the partition in window order, and
 * goes to the partition's {@code j}-th row in data order; the rows after the last output get null.
 * With {@code positions}, the value is the picked row's position in the partition (as
 * {@code arg_sort}), null where the argument is null.
 */
final class PlaceFunction implements WindowFunction {
    private final FieldVector arg;
    private final Placement placement;
    private final int[] source;
    private final long[] position;

    PlaceFunction(FieldVector arg, Placement placement, int n) {
        this.arg = arg;
        this.placement = placement;
        this.source = new int[n];
        this.position = placement.positions() ? new long[n] : null;
    }

    @Override
    public void compute(int[] rows, int from, int to) {
        int n = to - from;
        int[] dataOrder = Arrays.copyOfRange(rows, from, to);
        Arrays.sort(dataOrder); // rows are numbered in data order
        int outputs = 0;
        for (int j = 0; j < n; j++) {
            long picked = pick(j, n);
            if (picked < 0) {
                break;
            }
            int row = rows[from + (int) picked];
            int target = dataOrder[j];
            source[target] = row;
            if (position != null) {
                position[target] = Arrays.binarySearch(dataOrder, row);
            }
            outputs++;
        }
        if (placement.kind() == Placement.Kind.INDICES && placement.indices().length > n) {
            throw new PolaroidException(ErrorCode.INVALID_VALUE, "gather() of " + placement.indices().length
                    + " rows from a window of " + n + " rows: a row-set expression cannot have more rows than its input");
        }
        for (int j = outputs; j < n; j++) {
            source[dataOrder[j]] = GatherFunction.NONE;
        }
    }

    /** The window position of output {@code j} of a partition of {@code n} rows, or -1 after the last output. */
    private long pick(int j, int n) {
        switch (placement.kind()) {
            case ALL -> {
                return j;
            }
            case SLICE -> {
                long start = placement.offset() < 0 ? Math.max(0, n + placement.offset()) : Math.min(n, placement.offset());
                long end = placement.length() < 0 ? n : Math.min(n, start + placement.length());
                return start + j < end ? start + j : -1;
            }
            case EVERY -> {
                long at = placement.offset() + j * placement.length();
                return at < n ? at : -1;
            }
            default -> {
                long[] indices = placement.indices();
                if (j >= indices.length) {
                    return -1;
                }
                long at = indices[j] < 0 ? n + indices[j] : indices[j];
                if (at < 0 || at >= n) {
                    throw new PolaroidException(ErrorCode.INVALID_VALUE, "gather() index " + indices[j]
                            + " is out of bounds for a window of " + n + " rows");
                }
                return at;
            }
        }
    }

    @Override
    public FieldVector finish(String name, BufferAllocator allocator) {
        int n = source.length;
        if (position == null) {
            return Vectors.take(arg, source, n, allocator);
        }
        BigIntVector out = new BigIntVector(name, allocator);
        out.allocateNew(n);
        for (int i = 0; i < n; i++) {
            if (source[i] == GatherFunction.NONE || arg.isNull(source[i])) {
                out.setNull(i);
            } else {
                out.set(i, position[i]);
            }
        }
        out.setValueCount(n);
        return out;
    }
}
