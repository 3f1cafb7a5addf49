package io.polaroid.server.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.proto.v1.PartitionLocation;
import io.polaroid.proto.v1.StageInput;
import io.polaroid.remote.FlightFetcher;
import io.polaroid.server.common.Tickets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

/**
 * Inputs held by the worker that runs the task are read from its partition store: shared, not
 * copied, by as many tasks as read them (a broadcast), and freed once released and read; one
 * still being made is read as it grows, and its task's failure reaches the reader.
 */
class FlightExchangeInputsTest {
    private static final String SELF = "10.1.2.3:50060";
    private static final Schema SCHEMA = Schema.of(Field.of("k", DataType.INT64));
    private static final Tickets TICKET = new Tickets("q1", 0, 0, 1, 0);

    private final RootAllocator root = new RootAllocator();

    private Batch numbers(BufferAllocator allocator, long from, int count) {
        BigIntVector v = new BigIntVector("k", allocator);
        v.allocateNew(count);
        for (int i = 0; i < count; i++) {
            v.set(i, from + i);
        }
        v.setValueCount(count);
        return Batch.of(SCHEMA, List.of((FieldVector) v), count, 0);
    }

    private static List<StageInput> heldHere() {
        return here(1024);
    }

    /** The partition on this worker, with the rows its producer reported (-1: it is still being made). */
    private static List<StageInput> here(long rows) {
        return List.of(StageInput.newBuilder().setStageId(0).addPartitions(PartitionLocation.newBuilder()
                .setAddress(SELF).setTicket(ByteString.copyFrom(TICKET.encode())).setRows(rows)).build());
    }

    private TaskContext task(String name) {
        return new TaskContext(name, root.newChildAllocator(name, 0, Long.MAX_VALUE), EngineConfig.defaults(), Runnable::run, null);
    }

    /** Reads the partition on another thread, completing {@code first} with the rows of the first batch. */
    private static CompletableFuture<Long> readAsync(Morsel m, TaskContext ctx, CompletableFuture<Long> first) {
        return CompletableFuture.supplyAsync(() -> {
            long rows = 0;
            try (Morsel.BatchReader r = m.open(List.of("k"), ctx)) {
                for (Batch next = r.next(); next != null; next = r.next()) {
                    try (Batch b = next) {
                        rows += b.rowCount();
                        first.complete(rows);
                    }
                }
            }
            return rows;
        });
    }

    @Test
    void aPartitionStillBeingMadeIsReadAsItGrowsEvenBeforeItsTaskArrives() throws Exception {
        PartitionStore store = new PartitionStore(root.newChildAllocator("partitions", 0, Long.MAX_VALUE));
        TaskContext ctx = task("reader");
        try (FlightFetcher fetcher = new FlightFetcher(root, Location.forGrpcInsecure("127.0.0.1", 1));
             FlightExchangeInputs inputs = new FlightExchangeInputs(here(-1), fetcher, store, SELF)) {
            CompletableFuture<Long> first = new CompletableFuture<>();
            CompletableFuture<Long> rows = readAsync(inputs.partitions(0, SCHEMA).get(0), ctx, first);
            Thread.sleep(100); // the reader waits for a partition this worker has not seen yet
            BufferAllocator output = store.taskStarted("q1");
            PartitionStore.Held made = store.open(TICKET, SCHEMA, 1, false)[0];
            made.append(numbers(output, 0, 1000));
            assertThat(first.get(5, TimeUnit.SECONDS)).as("read before its task made the rest").isEqualTo(1000);
            Thread.sleep(100);
            assertThat(rows).as("the reader waits for the task to end").isNotDone();
            made.append(numbers(output, 1000, 24));
            made.finish();
            store.taskEnded("q1");
            assertThat(rows.get(5, TimeUnit.SECONDS)).isEqualTo(1024);
        }
        ctx.close();
        store.release("q1", false);
        store.close();
        assertThat(root.getAllocatedMemory()).isZero();
        root.close();
    }

    @Test
    void aStoppedTaskLeavesItsReadersALostPartitionAndAFailedOneItsError() throws Exception {
        PartitionStore store = new PartitionStore(root.newChildAllocator("partitions", 0, Long.MAX_VALUE));
        BufferAllocator output = store.taskStarted("q1");
        for (PolaroidException why : List.of(new PolaroidException(ErrorCode.CANCELLED, "cancelled by the coordinator"),
                new PolaroidException(ErrorCode.INVALID_VALUE, "integer overflow in sum"))) {
            TaskContext ctx = task("reader");
            try (FlightFetcher fetcher = new FlightFetcher(root, Location.forGrpcInsecure("127.0.0.1", 1));
                 FlightExchangeInputs inputs = new FlightExchangeInputs(here(-1), fetcher, store, SELF)) {
                PartitionStore.Held[] made = store.open(TICKET, SCHEMA, 1, false);
                made[0].append(numbers(output, 0, 10));
                CompletableFuture<Long> first = new CompletableFuture<>();
                CompletableFuture<Long> rows = readAsync(inputs.partitions(0, SCHEMA).get(0), ctx, first);
                first.get(5, TimeUnit.SECONDS);
                store.discard(made, why);
                Throwable failure = catchThrowable(() -> rows.get(5, TimeUnit.SECONDS)).getCause();
                if (why.code() == ErrorCode.CANCELLED) {
                    assertThat(failure).as("its producer runs again; this worker is not lost")
                            .isInstanceOfSatisfying(FlightExchangeInputs.InputLostException.class,
                                    e -> assertThat(e.workerDown).isFalse()).hasMessageContaining("gone");
                } else {
                    assertThat(failure).isSameAs(why);
                }
            }
            ctx.close();
        }
        store.taskEnded("q1");
        store.close();
        assertThat(root.getAllocatedMemory()).isZero();
        root.close();
    }

    private static List<Long> readAll(Morsel m, TaskContext ctx) {
        List<Long> out = new ArrayList<>();
        try (Morsel.BatchReader r = m.open(List.of("k"), ctx)) {
            for (Batch next = r.next(); next != null; next = r.next()) {
                try (Batch b = next) {
                    assertThat(b.column(0).getAllocator()).isSameAs(ctx.allocator());
                    for (int i = 0; i < b.rowCount(); i++) {
                        out.add(((BigIntVector) b.column(0)).get(i));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void aPartitionOnThisWorkerIsReadFromTheStoreByEveryTaskThatNeedsIt() throws Exception {
        PartitionStore store = new PartitionStore(root.newChildAllocator("partitions", 0, Long.MAX_VALUE));
        BufferAllocator output = store.taskStarted("q1");
        store.put(TICKET, SCHEMA, List.of(List.of(numbers(output, 0, 1000), numbers(output, 1000, 24))), false);
        store.taskEnded("q1");
        long held = root.getAllocatedMemory();

        try (FlightFetcher fetcher = new FlightFetcher(root, Location.forGrpcInsecure("127.0.0.1", 1))) {
            for (int task = 0; task < 2; task++) {
                TaskContext ctx = new TaskContext("task" + task, root.newChildAllocator("task" + task, 0, Long.MAX_VALUE),
                        EngineConfig.defaults(), Runnable::run, null);
                try (FlightExchangeInputs inputs = new FlightExchangeInputs(heldHere(), fetcher, store, SELF)) {
                    List<Morsel> morsels = inputs.partitions(0, SCHEMA);
                    assertThat(morsels).hasSize(1);
                    List<Long> values = readAll(morsels.get(0), ctx);
                    assertThat(values).hasSize(1024);
                    assertThat(values.get(1023)).isEqualTo(1023L);
                }
                ctx.close(); // proves the task's views were all freed
            }
        }
        assertThat(root.getAllocatedMemory()).as("the views shared the store's buffers").isEqualTo(held);

        store.release("q1", false);
        assertThat(root.getAllocatedMemory()).isZero();
        TaskContext late = new TaskContext("late", root.newChildAllocator("late", 0, Long.MAX_VALUE),
                EngineConfig.defaults(), Runnable::run, null);
        try (FlightFetcher fetcher = new FlightFetcher(root, Location.forGrpcInsecure("127.0.0.1", 1));
             FlightExchangeInputs inputs = new FlightExchangeInputs(heldHere(), fetcher, store, SELF)) {
            Morsel gone = inputs.partitions(0, SCHEMA).get(0);
            assertThatThrownBy(() -> gone.open(List.of("k"), late))
                    .isInstanceOf(FlightExchangeInputs.InputLostException.class).hasMessageContaining(SELF);
        }
        late.close();
        store.close();
        root.close();
    }
}
