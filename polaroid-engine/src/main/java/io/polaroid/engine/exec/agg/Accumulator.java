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
     * Folds the groups {@code groups[from .. to)} of {@code other} into groups {@code map[g]}.
     * {@code part} is the output partition being merged; accumulators that keep per-row state
     * (see {@link #bucket}) read only that partition's rows instead of walking the groups.
     */
    default void mergeGroups(Accumulator other, int[] groups, int from, int to, int[] map, int part) {
        for (int j = from; j < to; j++) {
            int g = groups[j];
            merge(other, g, map[g]);
        }
    }

    /** Called once on a partial state before it is merged: group g goes to partition {@code partitionOfGroup[g]}. */
    default void bucket(int[] partitionOfGroup, int parts) {
    }

    /** The results of groups {@code ids[0 .. count)}, in that order. */
    FieldVector finish(int[] ids, int count, String name, BufferAllocator allocator);

    /** Heap bytes held per group, for memory accounting. */
    int bytesPerGroup();
}
