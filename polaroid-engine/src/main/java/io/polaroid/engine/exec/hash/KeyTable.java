package io.polaroid.engine.exec.hash;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Maps distinct keys to dense ids 0, 1, 2, ... in order of first insertion. Null keys form one
 * key of their own when inserted (group-by semantics); {@link #find} never matches a row with a
 * null key (join semantics).
 */
public interface KeyTable extends AutoCloseable {
    /**
     * The heap a hash join's table takes per build row besides the row's columns: a slot at half
     * load, the key, the chain link. For sizing a build side before it is built (choosing it,
     * deciding to spill it).
     */
    long JOIN_BYTES_PER_ROW = 48;

    /** Sets {@code ids[i]} to the id of row i's key, adding keys not seen before. */
    void findOrInsert(EncodedKeys keys, int[] ids);

    /** Sets {@code ids[i]} to the id of row i's key, or -1 if absent or if any key column is null. */
    void find(EncodedKeys keys, int[] ids);

    /** Adds key {@code otherId} of another table of the same key types; returns its id here. */
    int findOrInsertFrom(KeyTable other, int otherId);

    int size();

    /**
     * Readies the table for many {@link #find} calls and few or no more inserts: a large table
     * gets a cache-sized filter that answers most lookups of absent keys (see {@link KeyFilter}).
     * A later insert drops the filter.
     */
    void prepareForFind();

    /** Makes room for {@code keys} keys in all, so that inserting them never rehashes. */
    void reserve(int keys);

    long hashOf(int id);

    /**
     * For a finished table of one integer key column: a test of a key (as a long) that is false
     * only for keys the table does not hold, safe to call from other threads. Null for other keys.
     */
    default java.util.function.LongPredicate membership() {
        return null;
    }

    /** The key columns for {@code ids[0 .. count)}, in that order. */
    List<FieldVector> toVectors(int[] ids, int count, List<String> names, BufferAllocator allocator);

    @Override
    void close();
}
