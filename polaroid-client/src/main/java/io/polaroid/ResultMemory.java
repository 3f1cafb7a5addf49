package io.polaroid;

import io.polaroid.engine.vector.Batch;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The off-heap memory of the result frames of one session. Each frame's memory is released once:
 * when the frame is closed, when it is garbage collected, or when the session closes.
 */
final class ResultMemory {
    private final Set<Release> open = ConcurrentHashMap.newKeySet();

    /** Frees one frame's batches and then its allocator. Refers to the frame's parts, never the frame. */
    final class Release implements Runnable {
        private final List<Batch> batches;
        private final BufferAllocator allocator;
        private final AtomicBoolean done = new AtomicBoolean();

        Release(List<Batch> batches, BufferAllocator allocator) {
            this.batches = batches;
            this.allocator = allocator;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                batches.forEach(Batch::close);
                allocator.close();
                open.remove(this);
            }
        }
    }

    Release track(List<Batch> batches, BufferAllocator allocator) {
        Release r = new Release(List.copyOf(batches), allocator);
        open.add(r);
        return r;
    }

    /** Releases every frame still open. */
    void releaseAll() {
        for (Release r : List.copyOf(open)) {
            r.run();
        }
    }
}
