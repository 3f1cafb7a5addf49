package io.polaroid.engine.exec.agg;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * The running state of one aggregate for every group of a hash table. Rows arrive a batch at a
 * time with the group id of each row; partial states of several threads merge group by group.
 */
public interface Accumulator {
    /** Makes room for groups {@code 0 .. groups-1}. */
    void resize(int groups);

    /**
     * Adds one batch: row i belongs to group {@code groupIds[i]}. {@code input} is the argument
     * column (null for len); {@code seq} orders batches, for first and last.
     */
    void update(int[] groupIds, int n, FieldVector input, long seq);

    /** Folds group {@code from} of {@code other} (an accumulator of the same kind) into group {@code to}. */
    void merge(Accumulator other, int from, int to);

    /**
     * Folds every group {@code g} of {@code other} with {@code map[g] >= 0} into group
     * {@code map[g]}. Accumulators that keep per-row state override this to do it in one pass.
     */
    default void mergeAll(Accumulator other, int[] map) {
        for (int g = 0; g < map.length; g++) {
            if (map[g] >= 0) {
                merge(other, g, map[g]);
            }
        }
    }

    /** The results of groups {@code ids[0 .. count)}, in that order. */
    FieldVector finish(int[] ids, int count, String name, BufferAllocator allocator);

    /** Heap bytes held per group, for memory accounting. */
    int bytesPerGroup();
}
