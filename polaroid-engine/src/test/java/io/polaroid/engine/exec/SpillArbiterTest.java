package io.polaroid.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.memory.HeapMemory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** Who spills when a query runs short of memory, and what a failed allocation does. */
class SpillArbiterTest {
    private static final long MB = 1 << 20;

    @Test
    void underPressureTheLargestConsumerSpillsAndTheOthersGoOn() {
        try (Query q = new Query(100 * MB)) {
            SpillArbiter arbiter = q.arbiter();
            BufferAllocator query = q.allocator();
            SpillArbiter.Consumer small = arbiter.register("small", 1);
            SpillArbiter.Consumer large = arbiter.register("large", 1);
            assertThat(small.shouldSpill(10 * MB)).as("no pressure yet").isFalse();
            assertThat(large.shouldSpill(20 * MB)).as("no pressure yet").isFalse();
            try (ArrowBuf held = query.buffer(70 * MB)) {
                assertThat(small.shouldSpill(10 * MB)).as("not the largest, within its share").isFalse();
                assertThat(large.shouldSpill(20 * MB)).as("the largest").isTrue();
                assertThat(small.shouldSpill(10 * MB)).as("now the largest that can still spill").isTrue();
            }
            small.close();
            large.close();
        }
    }

    @Test
    void aConsumerOverItsShareSpillsOnceTheQueryIsBusy() {
        try (Query q = new Query(100 * MB)) {
            SpillArbiter arbiter = q.arbiter();
            BufferAllocator query = q.allocator();
            arbiter.shareAmong(2);
            SpillArbiter.Consumer c = arbiter.register("sort", 1);
            assertThat(c.shouldSpill(20 * MB)).as("over its share (12.5 MB), but the query is idle").isFalse();
            try (ArrowBuf held = query.buffer(30 * MB)) {
                assertThat(c.shouldSpill(10 * MB)).as("within its share").isFalse();
                assertThat(c.shouldSpill(20 * MB)).as("over its share, query busy").isTrue();
            }
        }
    }

    @Test
    void aJoinTableStillToBuildCountsAsPressure() {
        try (Query q = new Query(100 * MB)) {
            SpillArbiter arbiter = q.arbiter();
            BufferAllocator query = q.allocator();
            SpillArbiter.Consumer build = arbiter.register("join build", 1);
            assertThat(build.shouldSpill(5 * MB, 10 * MB)).isFalse();
            assertThat(build.shouldSpill(5 * MB, 70 * MB)).as("its table would take the query past 60%").isTrue();
        }
    }

    @Test
    void aFailedAllocationWaitsForAnotherThreadToSpillThenSucceeds() throws Exception {
        try (Query q = new Query(64 * MB)) {
            SpillArbiter arbiter = q.arbiter();
            BufferAllocator query = q.allocator();
            CountDownLatch holding = new CountDownLatch(1);
            AtomicBoolean spilled = new AtomicBoolean();
            Thread sort = new Thread(() -> {
                SpillArbiter.Consumer c = arbiter.register("sort", 1);
                ArrowBuf rows = query.buffer(48 * MB);
                holding.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < deadline && !c.shouldSpill(48 * MB)) {
                    sleep(5);
                }
                spilled.set(true);
                rows.close();
                c.close();
            });
            sort.start();
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            sleep(20); // the sort reports at least once before the allocation fails
            try (ArrowBuf more = query.buffer(32 * MB)) {
                assertThat(more.capacity()).isEqualTo(32 * MB);
            }
            sort.join();
            assertThat(spilled).as("the sort was told to spill").isTrue();
        }
    }

    @Test
    void withNothingToSpillAFailedAllocationFailsAtOnce() {
        try (Query q = new Query(16 * MB)) {
            SpillArbiter arbiter = q.arbiter();
            BufferAllocator query = q.allocator();
            long start = System.nanoTime();
            assertThatThrownBy(() -> query.buffer(32 * MB)).isInstanceOf(OutOfMemoryException.class);
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(SpillArbiter.RECLAIM_WAIT_MILLIS));
        }
    }

    @Test
    void heapStateBeyondWhatTheJvmHeapHoldsFailsWithResourceExhaustedNotOutOfMemoryError() {
        try (RootAllocator root = new RootAllocator(); HeapMemory memory = new HeapMemory(root, "test table")) {
            long tooMuch = (long) (0.7 * Runtime.getRuntime().maxMemory());
            assertThatThrownBy(() -> memory.grow(tooMuch))
                    .isInstanceOfSatisfying(PolaroidException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED))
                    .hasMessageContaining("JVM heap");
        }
    }

    /** A query's allocator of {@code limit} bytes under its own arbiter. */
    private record Query(RootAllocator root, BufferAllocator allocator, SpillArbiter arbiter) implements AutoCloseable {
        Query(long limit) {
            this(new RootAllocator(), new SpillArbiter(0), limit);
        }

        private Query(RootAllocator root, SpillArbiter arbiter, long limit) {
            this(root, root.newChildAllocator("query", arbiter, 0, limit), arbiter);
            arbiter.watch(allocator);
        }

        @Override
        public void close() {
            allocator.close();
            root.close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
