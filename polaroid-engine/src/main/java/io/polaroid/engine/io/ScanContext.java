package io.polaroid.engine.io;

import io.polaroid.engine.io.filter.JoinKeyFilter;
import java.util.function.LongPredicate;
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

    /** The keys a hash join published for {@code filter} in this run, or null (then every row is kept). */
    default LongPredicate joinKeys(JoinKeyFilter filter) {
        return null;
    }

    /** Publishes a join's build-side keys for the scans that carry {@code filter}. */
    default void publishJoinKeys(JoinKeyFilter filter, LongPredicate keys) {
    }
}
