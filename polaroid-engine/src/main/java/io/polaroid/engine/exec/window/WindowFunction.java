package io.polaroid.engine.exec.window;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * One window function's column being filled a partition at a time. Partitions may be computed by
 * different threads at once: each call writes only the rows of its own partition.
 */
public interface WindowFunction {
    /** Computes the rows {@code rows[from..to)}: one partition, in window order. */
    void compute(int[] rows, int from, int to);

    /** The finished column, one value per input row. */
    FieldVector finish(String name, BufferAllocator allocator);
}
