package io.polaroid.engine.expr;

import java.util.Arrays;

/**
 * Which rows of a window a row-set expression ({@code head}, {@code sort}, {@code gather}, ...)
 * gives, in the window's order: output value {@code j} goes to the partition's {@code j}-th row in
 * data order, and the rows after the last output get null (the analyzer keeps only the first rows
 * where it must). {@code positions}: the value is the source row's position in the partition (as
 * {@code arg_sort}), not its value.
 *
 * @param kind    how output {@code j} picks its source row
 * @param offset  {@link Kind#SLICE}: the first row (negative: from the end); {@link Kind#EVERY}: the first row
 * @param length  {@link Kind#SLICE}: how many rows at most (negative: to the end); {@link Kind#EVERY}: the step
 * @param indices {@link Kind#INDICES}: the rows (negative: from the end)
 */
public record Placement(Kind kind, long offset, long length, long[] indices, boolean positions) {
    public enum Kind {
        /** Every row, in window order. */
        ALL,
        /** Rows {@code [offset, offset + length)}. */
        SLICE,
        /** Every {@code length}-th row from {@code offset}. */
        EVERY,
        /** The rows at {@code indices}. */
        INDICES
    }

    public static Placement all(boolean positions) {
        return new Placement(Kind.ALL, 0, -1, null, positions);
    }

    public static Placement slice(long offset, long length) {
        return new Placement(Kind.SLICE, offset, length, null, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Placement p && kind == p.kind && offset == p.offset && length == p.length
                && Arrays.equals(indices, p.indices) && positions == p.positions;
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + Long.hashCode(offset)) * 31 + Long.hashCode(length) + Arrays.hashCode(indices)
                + (positions ? 1 : 0);
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case ALL -> "all";
            case SLICE -> "slice " + offset + (length < 0 ? "" : ", " + length);
            case EVERY -> "every " + length + " from " + offset;
            case INDICES -> "rows " + Arrays.toString(indices);
        };
        return positions ? what + ", positions" : what;
    }
}
