package io.polaroid.engine.io.filter;

import io.polaroid.engine.vector.Batch;
import org.apache.arrow.memory.BufferAllocator;

/** A filter over a batch of the columns it names (see {@link ScanFilter#predicateColumns()}). */
@FunctionalInterface
public interface RowPredicate {
    /**
     * Writes the rows of {@code batch} that pass to {@code out} (at least rowCount long), in
     * increasing order, and returns how many. Rows where the predicate is null do not pass.
     */
    int select(Batch batch, BufferAllocator allocator, int[] out);
}
