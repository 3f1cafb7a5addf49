package io.polaroid.server.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.server.common.Tickets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

/**
 * A result streamed while its task makes it: the task waits for a slow reader instead of piling
 * up batches, the reader gets every batch then the end (or the task's error), and a partition
 * nobody reads or nobody reads whole is freed with its task stopped.
 */
class LivePartitionTest {
    private static final Schema SCHEMA = Schema.of(Field.of("k", DataType.INT64));
    private static final int ROWS = 10_000;

    private final RootAllocator root = new RootAllocator();
    private final PartitionStore store = new PartitionStore(root.newChildAllocator("partitions", 0, Long.MAX_VALUE));

    private static Batch batch(BufferAllocator allocator, long seq) {
        BigIntVector v = new BigIntVector("k", allocator);
        v.allocateNew(ROWS);
        v.setValueCount(ROWS);
        return Batch.of(SCHEMA, List.of((FieldVector) v), ROWS, seq);
    }

    @Test
    void aSlowReaderMakesTheTaskWaitAndTheBufferNeverHoldsMoreThanItsBound() throws Exception {
        Tickets t = new Tickets("q", 1, 0, 1, 0);
        BufferAllocator out = store.taskStarted("q");
        long batchBytes;
        long batchAllocation; // what the allocator hands out for one, rounded up
        try (Batch probe = batch(out, 0)) {
            batchBytes = probe.bytes();
            batchAllocation = out.getAllocatedMemory();
        }
        LivePartition live = store.openLive(t, SCHEMA, 3 * batchBytes);
        int batches = 40;
        CompletableFuture<Void> task = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < batches; i++) {
                live.put(batch(out, i), () -> false);
            }
            live.finish();
        });
        assertThat(store.claimLive(t, 0)).isSameAs(live);
        Thread.sleep(200);
        assertThat(task).as("the task waits for its reader").isNotDone();
        assertThat(out.getAllocatedMemory()).as("three batches wait, one is in hand").isLessThanOrEqualTo(4 * batchAllocation);

        int read = 0;
        while (true) {
            try (Batch b = live.take(() -> false)) {
                if (b == null) {
                    break;
                }
                assertThat(b.seq()).isEqualTo(read++);
            }
            Thread.sleep(2); // a slow reader
        }
        task.get(5, TimeUnit.SECONDS);
        assertThat(read).isEqualTo(batches);
        assertThat(live.peakBufferedBytes()).isLessThanOrEqualTo(3 * batchBytes);
        assertThat(live.drained()).isTrue();
        store.liveRead(t, live, null);
        store.taskEnded("q");
        assertThat(store.queryCount()).isZero();
        assertThat(root.getAllocatedMemory()).isZero();
        assertThatThrownBy(() -> store.lease(t)).as("read once").isInstanceOf(PolaroidException.class);
        store.close();
        root.close();
    }

    @Test
    void theReaderGetsTheBufferedBatchesThenTheTasksError() {
        Tickets t = new Tickets("q", 1, 0, 1, 0);
        BufferAllocator out = store.taskStarted("q");
        LivePartition live = store.openLive(t, SCHEMA, Long.MAX_VALUE);
        live.put(batch(out, 0), () -> false);
        live.fail(new PolaroidException(ErrorCode.INVALID_PLAN, "bad data in row 7"));
        store.claimLive(t, 0);
        try (Batch b = live.take(() -> false)) {
            assertThat(b.seq()).isZero();
        }
        assertThatThrownBy(() -> live.take(() -> false)).isInstanceOf(PolaroidException.class)
                .hasMessageContaining("bad data in row 7");
        store.liveRead(t, live, "its stream failed");
        store.taskEnded("q");
        assertThat(root.getAllocatedMemory()).isZero();
        store.close();
        root.close();
    }

    @Test
    void aReaderThatComesAfterTheFailedQueryWasFreedStillGetsTheTasksError() {
        Tickets t = new Tickets("q", 1, 0, 1, 0);
        store.taskStarted("q");
        LivePartition live = store.openLive(t, SCHEMA, Long.MAX_VALUE);
        live.fail(new PolaroidException(ErrorCode.INVALID_PLAN, "division by zero in column x"));
        store.taskEnded("q");
        store.cancel("q"); // the coordinator frees the query the moment the task fails
        assertThatThrownBy(() -> store.claimLive(t, 0)).isInstanceOf(PolaroidException.class)
                .hasMessageContaining("division by zero in column x");
        assertThat(root.getAllocatedMemory()).isZero();
        store.close();
        root.close();
    }

    @Test
    void aReaderThatLeavesEarlyStopsTheTaskAndFreesTheBuffer() throws Exception {
        Tickets t = new Tickets("q", 1, 0, 1, 0);
        BufferAllocator out = store.taskStarted("q");
        LivePartition live = store.openLive(t, SCHEMA, 1);
        CompletableFuture<Void> task = CompletableFuture.runAsync(() -> {
            for (int i = 0; ; i++) {
                live.put(batch(out, i), () -> false);
            }
        });
        store.claimLive(t, 0);
        live.take(() -> false).close();
        store.liveRead(t, live, "the reader went away");
        assertThat(task).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withMessageContaining("no longer wanted: the reader went away");
        store.taskEnded("q");
        assertThat(store.queryCount()).isZero();
        assertThat(root.getAllocatedMemory()).isZero();
        store.close();
        root.close();
    }

    @Test
    void aReadThatArrivesBeforeItsTaskWaitsForItAndAPartitionNobodyReadsExpires() throws Exception {
        Tickets t = new Tickets("q", 1, 0, 1, 0);
        CompletableFuture<LivePartition> reader = CompletableFuture.supplyAsync(() -> store.claimLive(t, 5_000));
        Thread.sleep(100);
        BufferAllocator out = store.taskStarted("q");
        LivePartition live = store.openLive(t, SCHEMA, Long.MAX_VALUE);
        assertThat(reader.get(5, TimeUnit.SECONDS)).isSameAs(live);

        Tickets unread = new Tickets("q", 1, 1, 1, 0);
        LivePartition nobody = store.openLive(unread, SCHEMA, Long.MAX_VALUE);
        nobody.put(batch(out, 0), () -> false);
        assertThat(store.expire(0)).as("the claimed one lives as long as its stream").isEqualTo(1);
        assertThat(store.claimLive(unread, 5_000)).as("gone: told at once").isNull();
        store.liveRead(t, live, "done");
        store.taskEnded("q");
        assertThat(root.getAllocatedMemory()).isZero();
        store.close();
        root.close();
    }
}
