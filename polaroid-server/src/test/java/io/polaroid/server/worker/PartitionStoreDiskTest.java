package io.polaroid.server.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.spill.SpillQuota;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.server.common.Tickets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Partitions past the store's memory go to disk, are read back whole from there, and their files go with them. */
class PartitionStoreDiskTest {
    private static final Schema SCHEMA = Schema.of(Field.of("k", DataType.INT64));
    private static final int ROWS = 1000;
    /** One partition is two batches of {@link #ROWS} longs: about 16 KB in memory. */
    private static final long BOUND = 40_000;

    @TempDir
    Path spillDir;
    private final RootAllocator root = new RootAllocator();
    private final AtomicLong spilled = new AtomicLong();
    private PartitionStore store;

    private PartitionStore store(long quota) {
        return store(quota, BOUND);
    }

    private PartitionStore store(long quota, long bound) {
        store = new PartitionStore(root.newChildAllocator("partitions", 0, Long.MAX_VALUE),
                new PartitionStore.DiskTier(bound, List.of(spillDir.toString()), new SpillQuota(quota), spilled::addAndGet));
        return store;
    }

    @AfterEach
    void close() {
        store.close();
        root.close();
    }

    /** Holds partition {@code t}: two batches whose values start at {@code base}. */
    private void hold(Tickets t, long base) {
        BufferAllocator out = store.taskStarted(t.queryId());
        List<Batch> batches = new ArrayList<>();
        for (int b = 0; b < 2; b++) {
            batches.add(batch(out, base + b * ROWS, b));
        }
        store.put(t, SCHEMA, List.of(batches), false);
        store.taskEnded(t.queryId());
    }

    /** Reads partition {@code t} whole and checks every value against what {@link #hold} put there. */
    private void readBack(Tickets t, long base) {
        PartitionStore.Held held = store.lease(t);
        int batches = 0;
        try (PartitionStore.Held.Cursor cursor = held.cursor()) {
            for (Batch b = cursor.next(() -> false); b != null; b = cursor.next(() -> false)) {
                assertThat(b.seq()).isEqualTo(batches);
                BigIntVector v = (BigIntVector) b.columns().get(0);
                for (int i = 0; i < ROWS; i++) {
                    if (i % 7 == 3) {
                        assertThat(v.isNull(i)).isTrue();
                    } else {
                        assertThat(v.get(i)).isEqualTo(base + batches * ROWS + i);
                    }
                }
                batches++;
            }
        } finally {
            held.done(false);
        }
        assertThat(batches).isEqualTo(2);
    }

    private List<Path> spillFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(spillDir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void theOldestPartitionsGoToDiskPastTheBoundAndAreReadBackWhole() throws IOException {
        store(Long.MAX_VALUE);
        for (int p = 0; p < 8; p++) {
            hold(new Tickets("q", 1, p, 1, 0), p * 10_000L);
        }
        assertThat(store.memoryBytes()).as("what stays in memory").isLessThanOrEqualTo(BOUND);
        assertThat(spillFiles()).as("the oldest went to disk").hasSizeGreaterThanOrEqualTo(5);
        assertThat(spilled.get()).isPositive();
        for (int p = 0; p < 8; p++) {
            readBack(new Tickets("q", 1, p, 1, 0), p * 10_000L);
            readBack(new Tickets("q", 1, p, 1, 0), p * 10_000L); // a shuffle partition is read again when a reader runs again
        }

        store.release("q", false);
        assertThat(spillFiles()).as("released partitions take their files").isEmpty();
        assertThat(store.queryCount()).isZero();
        assertThat(root.getAllocatedMemory()).isZero();
    }

    @Test
    void partitionsNobodyReadsGoFirst() throws IOException {
        store(Long.MAX_VALUE);
        Tickets first = new Tickets("q", 1, 0, 1, 0);
        hold(first, 0);
        PartitionStore.Held reading = store.lease(first);
        for (int p = 1; p < 6; p++) {
            hold(new Tickets("q", 1, p, 1, 0), p * 10_000L);
        }
        assertThat(spillFiles()).isNotEmpty();
        assertThat(spillFiles()).as("the oldest partition is being read: younger ones went instead")
                .noneMatch(f -> f.getFileName().toString().startsWith("partition-1-0-0-"));
        reading.done(false);
        for (int p = 0; p < 6; p++) {
            readBack(new Tickets("q", 1, p, 1, 0), p * 10_000L);
        }
        store.cancel("q");
        assertThat(spillFiles()).isEmpty();
        assertThat(root.getAllocatedMemory()).isZero();
    }

    /** One batch of {@link #ROWS} values from {@code base}, every seventh null. */
    private Batch batch(BufferAllocator allocator, long base, long seq) {
        BigIntVector v = new BigIntVector("k", allocator);
        v.allocateNew(ROWS);
        for (int i = 0; i < ROWS; i++) {
            if (i % 7 == 3) {
                v.setNull(i);
            } else {
                v.set(i, base + i);
            }
        }
        v.setValueCount(ROWS);
        return Batch.of(SCHEMA, List.of((FieldVector) v), ROWS, seq);
    }

    @Test
    void aPartitionThatOutgrowsTheStoreWhileItsTaskRunsGoesOnOnDiskAndIsReadOnceWhole() throws Exception {
        store(Long.MAX_VALUE);
        Tickets t = new Tickets("q", 1, 0, 1, 0);
        BufferAllocator out = store.taskStarted("q");
        PartitionStore.Held growing = store.open(t, SCHEMA, 1, false)[0];
        for (int b = 0; b < 20; b++) {
            growing.append(batch(out, b * 10_000L, b));
        }
        assertThat(store.memoryBytes()).as("the growing partition went to disk").isZero();
        assertThat(spillFiles()).hasSize(1);

        PartitionStore.Held reading = store.lease(t);
        java.util.concurrent.CompletableFuture<Long> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            long rows = 0;
            try (PartitionStore.Held.Cursor cursor = reading.cursor()) {
                long expectedSeq = 0;
                for (Batch b = cursor.next(() -> false); b != null; b = cursor.next(() -> false)) {
                    assertThat(b.seq()).isEqualTo(expectedSeq++);
                    assertThat(((BigIntVector) b.columns().get(0)).get(0)).isEqualTo(b.seq() * 10_000L);
                    rows += b.rowCount();
                }
            } finally {
                reading.done(false);
            }
            return rows;
        });
        Thread.sleep(200);
        assertThat(read).as("a partition on disk is read once it is whole").isNotDone();
        for (int b = 20; b < 25; b++) {
            growing.append(batch(out, b * 10_000L, b));
        }
        growing.finish();
        store.taskEnded("q");
        assertThat(read.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(25L * ROWS);

        store.release("q", false);
        assertThat(spillFiles()).isEmpty();
        assertThat(root.getAllocatedMemory()).isZero();
    }

    @Test
    void aPartitionBeingReadGoesToDiskAndItsReaderGoesOnFromTheFileWithTheBatchItHoldsIntact() throws Exception {
        store(Long.MAX_VALUE, 10_000); // less than two batches
        Tickets t = new Tickets("q", 1, 0, 1, 0);
        BufferAllocator out = store.taskStarted("q");
        PartitionStore.Held growing = store.open(t, SCHEMA, 1, false)[0];
        PartitionStore.Held reading = store.lease(t);
        try (PartitionStore.Held.Cursor cursor = reading.cursor()) {
            growing.append(batch(out, 0, 0));
            Batch first = cursor.next(() -> false);
            assertThat(spillFiles()).as("one batch fits").isEmpty();

            growing.append(batch(out, 10_000, 1));
            assertThat(spillFiles()).as("the partition being read went to disk").hasSize(1);
            assertThat(store.memoryBytes()).isZero();
            assertThat(((BigIntVector) first.columns().get(0)).get(1)).as("the batch the reader holds").isEqualTo(1);

            growing.append(batch(out, 20_000, 2));
            growing.finish();
            store.taskEnded("q");
            for (long seq = 1; seq <= 2; seq++) {
                Batch b = cursor.next(() -> false);
                assertThat(b.seq()).isEqualTo(seq);
                assertThat(((BigIntVector) b.columns().get(0)).get(0)).isEqualTo(seq * 10_000);
            }
            assertThat(cursor.next(() -> false)).isNull();
        } finally {
            reading.done(false);
        }
        store.release("q", false);
        assertThat(spillFiles()).isEmpty();
        assertThat(root.getAllocatedMemory()).isZero();
    }

    @Test
    void aFullSpillQuotaFailsTheQueryWhosePartitionCannotGoAndTheNextQueryRuns() throws IOException {
        store(1_000);
        for (int p = 0; p < 4; p++) {
            hold(new Tickets("big", 1, p, 1, 0), p * 10_000L);
        }
        PartitionStore.Held failed = store.lease(new Tickets("big", 1, 0, 1, 0));
        try (PartitionStore.Held.Cursor cursor = failed.cursor()) {
            assertThatThrownBy(() -> cursor.next(() -> false)).isInstanceOfSatisfying(PolaroidException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
                assertThat(e.getMessage()).contains("polaroid.spill.max-bytes");
            });
        } finally {
            failed.done(false);
        }
        assertThat(store.memoryBytes()).as("the failed partition's memory went at once").isLessThanOrEqualTo(BOUND);
        store.release("big", false);
        assertThat(spillFiles()).isEmpty();

        Tickets small = new Tickets("next", 1, 0, 1, 0);
        hold(small, 5);
        readBack(small, 5);
        store.release("next", false);
        assertThat(root.getAllocatedMemory()).isZero();
    }
}
