package io.polaroid.server.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.server.common.Tickets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

/** What a worker holds, and when it lets go: once read, on release, after the TTL, never under a reader. */
class PartitionStoreTest {
    private static final Schema SCHEMA = Schema.of(Field.of("k", DataType.INT64));

    private final RootAllocator root = new RootAllocator();
    private final PartitionStore store = new PartitionStore(root.newChildAllocator("partitions", 0, Long.MAX_VALUE));

    private void hold(Tickets t, boolean result) {
        BufferAllocator out = store.taskStarted(t.queryId());
        BigIntVector v = new BigIntVector("k", out);
        v.allocateNew(100);
        v.setValueCount(100);
        store.put(t, SCHEMA, List.of(List.of(Batch.of(SCHEMA, List.of((FieldVector) v), 100, 0))), result);
        store.taskEnded(t.queryId());
    }

    @Test
    void resultsNobodyFetchesAreFreedAfterTheTtlButNotWhileBeingRead() {
        Tickets read = new Tickets("q", 1, 0, 1, 0);
        Tickets unread = new Tickets("q", 1, 1, 1, 0);
        hold(read, true);
        hold(unread, true);
        assertThat(store.expire(Long.MAX_VALUE)).as("nothing is old yet").isZero();

        PartitionStore.Held lease = store.lease(read);
        assertThat(store.expire(0)).isEqualTo(2);
        assertThat(store.heldPartitions()).as("the leased one waits for its reader").isEqualTo(1);
        assertThat(root.getAllocatedMemory()).isPositive();
        assertThatThrownBy(() -> store.lease(unread)).isInstanceOf(PolaroidException.class).hasMessageContaining("expired");

        lease.done(false);
        assertThat(store.heldPartitions()).isZero();
        assertThat(store.queryCount()).isZero();
        assertThat(root.getAllocatedMemory()).isZero();
        store.close();
        root.close();
    }

    @Test
    void aResultReadWholeIsFreedAndShuffleOutputStaysUntilReleased() {
        Tickets result = new Tickets("q", 2, 0, 1, 0);
        Tickets shuffle = new Tickets("q", 1, 0, 1, 0);
        hold(result, true);
        hold(shuffle, false);

        store.lease(shuffle).done(true);
        store.lease(shuffle).done(true);
        store.lease(result).done(true);
        assertThatThrownBy(() -> store.lease(result)).isInstanceOf(PolaroidException.class);
        assertThat(store.heldPartitions()).isEqualTo(1);

        store.release("q", true);
        assertThat(store.heldPartitions()).isZero();
        assertThat(root.getAllocatedMemory()).isZero();
        store.close();
        root.close();
    }
}
