package io.polaroid.server.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import io.polaroid.server.common.PolaroidMetrics;
import io.polaroid.server.common.Tickets;
import io.polaroid.server.net.CuttingProxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A shuffle input read over a real Flight server on loopback, as a task on another worker reads
 * it: every row arrives however slowly the reader reads, a cut connection is resumed from the same
 * partition without losing or repeating a row, and a stream that keeps breaking or holds fewer
 * rows than its producer reported fails instead of passing for complete; a partition still being
 * made streams as it grows. The partition is large
 * enough (16 MB) for gRPC flow control to hold the producer back while the reader pauses.
 */
class PartitionTransferTest {
    private static final Schema SCHEMA = Schema.of(Field.of("k", DataType.INT64));
    private static final Tickets TICKET = new Tickets("q1", 0, 0, 1, 0);
    private static final int BATCHES = 64;
    private static final int ROWS_PER_BATCH = 32_768;
    private static final long ROWS = (long) BATCHES * ROWS_PER_BATCH;
    private static final long SUM = ROWS * (ROWS - 1) / 2;
    /** Longer than every timeout a partition stream had or has (the producer used to give up after 30 s). */
    private static final long PAUSE_MILLIS = Long.getLong("polaroid.test.slow-reader-pause-ms", 35_000);

    private static final String HANDLER_THREAD = "partition-transfer-test-handler";

    private RootAllocator root;
    private PartitionStore store;
    private BufferAllocator flightAllocator;
    private FlightServer server;
    /** Runs the server's stream handlers and gRPC's callbacks, so that stopping can wait for them to let go of their batches. */
    private ThreadPoolExecutor handlers;
    private FlightFetcher fetcher;

    @BeforeEach
    void serveOnePartition() throws Exception {
        root = new RootAllocator();
        store = new PartitionStore(root.newChildAllocator("partitions", 0, Long.MAX_VALUE));
        BufferAllocator output = store.taskStarted("q1");
        List<Batch> batches = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            batches.add(numbers(output, (long) b * ROWS_PER_BATCH));
        }
        store.put(TICKET, SCHEMA, List.of(batches), false);
        store.taskEnded("q1");
        flightAllocator = root.newChildAllocator("flight", 0, Long.MAX_VALUE);
        WorkerFlightProducer producer = new WorkerFlightProducer(store, flightAllocator,
                new PolaroidMetrics(new SimpleMeterRegistry()), new io.polaroid.server.security.TicketSigner(null));
        handlers = (ThreadPoolExecutor) Executors.newCachedThreadPool(work -> new Thread(work, HANDLER_THREAD));
        server = FlightServer.builder(flightAllocator, Location.forGrpcInsecure("127.0.0.1", 0), producer)
                .executor(handlers).build().start();
        fetcher = new FlightFetcher(root.newChildAllocator("fetch", 0, Long.MAX_VALUE), Location.forGrpcInsecure("127.0.0.1", 1));
    }

    @AfterEach
    void stop() throws Exception {
        fetcher.close();
        server.shutdown();
        server.awaitTermination();
        // gRPC has ended every call, but a handler that saw its call cancelled may still hold a batch.
        // The pool takes work until the handlers are done: gRPC tells a handler its call was
        // cancelled through it, and a pool shut down first would refuse that news.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (handlers.getActiveCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(handlers.getActiveCount()).as(() -> "stream handlers still running:\n" + handlerStacks()).isZero();
        handlers.shutdown();
        assertThat(handlers.awaitTermination(5, TimeUnit.SECONDS)).as("handler threads ended").isTrue();
        store.close();
        flightAllocator.close();
        root.close();
    }

    /** Where each of the pool's threads is, for a stop that found handlers still running. */
    private static String handlerStacks() {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().equals(HANDLER_THREAD)) {
                out.append(thread.getName()).append('\n');
                for (StackTraceElement frame : stack) {
                    out.append("    at ").append(frame).append('\n');
                }
            }
        });
        return out.toString();
    }

    private static Batch numbers(BufferAllocator allocator, long from) {
        BigIntVector v = new BigIntVector("k", allocator);
        v.allocateNew(ROWS_PER_BATCH);
        for (int i = 0; i < ROWS_PER_BATCH; i++) {
            v.set(i, from + i);
        }
        v.setValueCount(ROWS_PER_BATCH);
        return Batch.of(SCHEMA, List.of((FieldVector) v), ROWS_PER_BATCH, 0);
    }

    private static List<StageInput> at(int port, Tickets ticket, long reportedRows) {
        return List.of(StageInput.newBuilder().setStageId(0).addPartitions(PartitionLocation.newBuilder()
                .setAddress("127.0.0.1:" + port).setTicket(ByteString.copyFrom(ticket.encode())).setRows(reportedRows)).build());
    }

    /** Rows and the sum of their values, read with an optional pause after the first batch. */
    private record Read(long rows, long sum) {
    }

    private Read read(int port, long reportedRows, long pauseMillis) throws Exception {
        return read(port, TICKET, reportedRows, pauseMillis);
    }

    private Read read(int port, Tickets ticket, long reportedRows, long pauseMillis) throws Exception {
        TaskContext ctx = new TaskContext("reader", root.newChildAllocator("reader", 0, Long.MAX_VALUE),
                EngineConfig.defaults(), Runnable::run, null);
        long rows = 0;
        long sum = 0;
        try (FlightExchangeInputs inputs = new FlightExchangeInputs(at(port, ticket, reportedRows), fetcher, store, "10.9.9.9:1")) {
            Morsel m = inputs.partitions(0, SCHEMA).get(0);
            try (Morsel.BatchReader r = m.open(List.of("k"), ctx)) {
                for (Batch next = r.next(); next != null; next = r.next()) {
                    try (Batch b = next) {
                        BigIntVector v = (BigIntVector) b.column(0);
                        for (int i = 0; i < b.rowCount(); i++) {
                            sum += v.get(i);
                        }
                        rows += b.rowCount();
                    }
                    if (rows == ROWS_PER_BATCH && pauseMillis > 0) {
                        store.expire(0); // the result TTL passes while the reader pauses
                        Thread.sleep(pauseMillis);
                    }
                }
            }
        } finally {
            ctx.close();
        }
        return new Read(rows, sum);
    }

    @Test
    void aPartitionStillBeingMadeStreamsAsItGrowsAndEndsWithItsTask() throws Exception {
        Tickets growing = new Tickets("q1", 0, 1, 1, 0);
        BufferAllocator output = store.taskStarted("q1");
        PartitionStore.Held made = store.open(growing, SCHEMA, 1, false)[0];
        java.util.concurrent.CompletableFuture<Read> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return read(server.getPort(), growing, -1, 0);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        for (int b = 0; b < BATCHES; b++) {
            made.append(numbers(output, (long) b * ROWS_PER_BATCH));
            if (b == BATCHES / 2) {
                Thread.sleep(200);
                assertThat(read).as("the reader waits for the rest while the task runs").isNotDone();
            }
        }
        made.finish();
        store.taskEnded("q1");
        Read got = read.get(30, TimeUnit.SECONDS);
        assertThat(got.rows()).isEqualTo(ROWS);
        assertThat(got.sum()).isEqualTo(SUM);
    }

    @Test
    void aSlowReaderGetsEveryRowHoweverLongItPauses() throws Exception {
        Read got = read(server.getPort(), ROWS, PAUSE_MILLIS);
        assertThat(got.rows()).isEqualTo(ROWS);
        assertThat(got.sum()).isEqualTo(SUM);
    }

    @Test
    void aCutStreamResumesFromTheSamePartitionWithoutLosingOrRepeatingARow() throws Exception {
        try (CuttingProxy proxy = new CuttingProxy(server.getPort(), 3 << 20, 1)) {
            Read got = read(proxy.port(), ROWS, 0);
            assertThat(got.rows()).isEqualTo(ROWS);
            assertThat(got.sum()).isEqualTo(SUM);
            assertThat(proxy.connections()).as("the stream was opened again").isGreaterThan(1);
        }
    }

    @Test
    void aStreamThatKeepsBreakingFailsInsteadOfEndingShort() {
        try (CuttingProxy proxy = new CuttingProxy(server.getPort(), 3 << 20, 100)) {
            assertThatThrownBy(() -> read(proxy.port(), ROWS, 0))
                    .isInstanceOf(FlightExchangeInputs.InputLostException.class).hasMessageContaining("127.0.0.1:" + proxy.port());
        }
    }

    @Test
    void aPartitionWithOtherRowsThanItsProducerReportedIsLost() {
        assertThatThrownBy(() -> read(server.getPort(), ROWS + 1, 0))
                .isInstanceOfSatisfying(FlightExchangeInputs.InputLostException.class, e -> {
                    assertThat(e.workerDown).isFalse();
                    assertThat(e.getMessage()).contains(ROWS + " of its " + (ROWS + 1) + " rows");
                })
                .isInstanceOf(PolaroidException.class);
    }
}
