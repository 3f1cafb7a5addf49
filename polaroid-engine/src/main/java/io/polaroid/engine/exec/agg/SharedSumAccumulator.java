package io.polaroid.engine.exec.agg;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code sum(x)} beside {@code mean(x)} in one aggregation: the mean's state already holds the
 * sum, so this keeps none of its own; the mean's accumulator updates and merges it, and this only
 * reads it out ({@link SumAccumulator#sumView}).
 */
final class SharedSumAccumulator implements Accumulator {
    /** Reads the sums of groups {@code ids[0 .. count)} from the mean's state. */
    interface Sums {
        FieldVector finish(int[] ids, int count, String name, BufferAllocator allocator);
    }

    private final Sums sums;

    SharedSumAccumulator(Sums sums) {
        this.sums = sums;
    }

    @Override
    public void resize(int groups) {
    }

    @Override
    public void update(int[] groupIds, int n, FieldVector input, long seq) {
    }

    @Override
    public void merge(Accumulator other, int from, int to) {
    }

    @Override
    public FieldVector finish(int[] ids, int count, String name, BufferAllocator allocator) {
        return sums.finish(ids, count, name, allocator);
    }

    @Override
    public int bytesPerGroup() {
        return 0;
    }
}
