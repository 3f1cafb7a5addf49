package io.polaroid.engine.io;

import org.apache.arrow.memory.BufferAllocator;

/**
 * What a reader needs from the task it runs in: where its vectors live, how many rows a batch
 * holds, whether to stop, and where to count what it scanned. The operators' task context
 * implements it, so the readers do not point up at the operators.
 */
public interface ScanContext {
    BufferAllocator allocator();

    int batchRows();

    /** Throws if the task was cancelled or failed. */
    void checkCancelled();

    /** True once the task was cancelled or failed: a reader waiting for data stops waiting. */
    boolean isCancelled();

    /** Counts rows and bytes read from storage, before any filtering. */
    void addScanned(long rows, long bytes);
}
