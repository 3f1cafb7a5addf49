package io.polaroid.server;

import static io.polaroid.Functions.col;
import static io.polaroid.Functions.len;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.StatusRuntimeException;
import io.polaroid.DataFrame;
import io.polaroid.LazyFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.serde.PlanCodec;
import io.polaroid.engine.testing.Rows;
import io.polaroid.proto.v1.CancelRequest;
import io.polaroid.proto.v1.ExecutePlanRequest;
import io.polaroid.proto.v1.GetQueryRequest;
import io.polaroid.proto.v1.ListWorkersRequest;
import io.polaroid.proto.v1.PolaroidConnectGrpc;
import io.polaroid.proto.v1.QueryStatus;
import io.polaroid.proto.v1.WorkerStatus;
import io.polaroid.tpch.TpchQueries;
import io.polaroid.tpch.TpchTables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input and faults, against a coordinator and two worker processes: malformed plans, unknown
 * columns, paths outside the data roots, a cancelled query, many clients at once, and a worker
 * killed in the middle of a query. After each, the workers hold no memory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultsTest {
    @TempDir
    static Path outside;

    static ClusterFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = new ClusterFixture("faults", "--polaroid.scheduler.worker-wait=2s");
    }

    @AfterAll
    static void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static FlightRuntimeException flightError(byte[] command) {
        try (RootAllocator allocator = new RootAllocator();
             FlightClient client = FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", fixture.cluster.port()))
                     .intercept(TestCredentials.get().client().flight()).build()) {
            return catchThrowableOfType(FlightRuntimeException.class, () -> client.getInfo(FlightDescriptor.command(command)));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(1)
    void malformedPlansAreInvalidArgumentSayingWhere() {
        FlightRuntimeException badBytes = flightError(new byte[] {8, (byte) 0xff, 3, 4});
        assertThat(badBytes.status().code()).isEqualTo(FlightStatusCode.INVALID_ARGUMENT);
        assertThat(badBytes.getMessage()).contains("polaroid.v1.Plan");

        FlightRuntimeException badJson = flightError("{\"root\": {\"scan\": ".getBytes(StandardCharsets.UTF_8));
        assertThat(badJson.status().code()).isEqualTo(FlightStatusCode.INVALID_ARGUMENT);
        assertThat(badJson.getMessage()).contains("JSON");

        FlightRuntimeException unknownNode = flightError("{\"root\": {\"teleport\": {}}}".getBytes(StandardCharsets.UTF_8));
        assertThat(unknownNode.status().code()).isEqualTo(FlightStatusCode.INVALID_ARGUMENT);
        assertThat(unknownNode.getMessage()).contains("teleport");

        FlightRuntimeException missingInput = flightError(
                "{\"root\": {\"filter\": {\"predicate\": {\"column\": {\"name\": \"x\"}}}}}".getBytes(StandardCharsets.UTF_8));
        assertThat(missingInput.status().code()).isEqualTo(FlightStatusCode.INVALID_ARGUMENT);
        assertThat(missingInput.getMessage()).contains("root.filter");
    }

    @Test
    @Order(2)
    void unknownColumnHasTheMessageOfLocalMode() {
        Function<Polaroid, LazyFrame> query = pl -> pl.scanParquet(fixture.data.resolve("orders.parquet").toString())
                .filter(col("o_totalprize").gt(100));
        PolaroidException inLocal = catchThrowableOfType(PolaroidException.class, () -> query.apply(fixture.local).collect());
        PolaroidException inCluster = catchThrowableOfType(PolaroidException.class, () -> query.apply(fixture.remote).collect());
        assertThat(inCluster.code()).isEqualTo(ErrorCode.COLUMN_NOT_FOUND).isEqualTo(inLocal.code());
        assertThat(inCluster.getMessage()).isEqualTo(inLocal.getMessage()).contains("o_totalprize", "o_totalprice");
        PolaroidException inSchema = catchThrowableOfType(PolaroidException.class, () -> query.apply(fixture.remote).schema());
        assertThat(inSchema.getMessage()).isEqualTo(inLocal.getMessage());
    }

    @Test
    @Order(3)
    void pathsOutsideTheDataRootsArePermissionDenied() throws Exception {
        Path secret = outside.resolve("secret.parquet");
        Files.copy(fixture.data.resolve("region.parquet"), secret);
        Path link = fixture.data.resolve("link-to-outside.parquet");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, secret);
        try {
            for (String path : List.of(secret.toString(), fixture.data + "/../" + fixture.data.getFileName() + "/../../../" + secret,
                    fixture.data.resolve("..").resolve("tpch-sf0.05").resolve("region.parquet").toString(), link.toString())) {
                assertThatThrownBy(() -> fixture.remote.scanParquet(path).collect()).as(path)
                        .isInstanceOfSatisfying(PolaroidException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
                            assertThat(e.getMessage()).contains(path);
                        });
            }
        } finally {
            Files.delete(link);
        }
        assertThat(fixture.remote.scanParquet(fixture.data.resolve("region.parquet").toString()).collect().height()).isEqualTo(5);
    }

    /** Slow enough to be caught in the middle: every lineitem row meets the rows of its part. */
    private static LazyFrame heavyQuery(Polaroid pl) {
        LazyFrame lineitem = pl.scanParquet(fixture.data.resolve("lineitem.parquet").toString()).select("l_partkey", "l_quantity");
        return lineitem.join(lineitem.rename("l_quantity", "q2"), "l_partkey", "inner")
                .groupBy("l_partkey").agg(len().alias("pairs"), col("q2").sum().alias("q"));
    }

    private static QueryStatus status(String id) {
        return PolaroidConnectGrpc.newBlockingStub(fixture.cluster.channel()).getQuery(GetQueryRequest.newBuilder().setQueryId(id).build());
    }

    private static void awaitTasksDone(String id, int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                if (status(id).getTasksDone() >= n) {
                    return;
                }
            } catch (StatusRuntimeException notStartedYet) {
                // planning
            }
            LocalCluster.sleep(10);
        }
        throw new AssertionError("query " + id + " did not get to " + n + " tasks done");
    }


    @Test
    @Order(4)
    void cancelStopsEveryTaskAndFreesTheWorkersMemory() throws Exception {
        String id = "cancel-me";
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> run = pool.submit(() -> PolaroidConnectGrpc.newBlockingStub(fixture.cluster.channel()).executePlan(
                    ExecutePlanRequest.newBuilder().setQueryId(id).setPlan(PlanCodec.encodePlan(heavyQuery(fixture.remote).plan())).build()));
            awaitTasksDone(id, 1);
            assertThat(status(id).getState()).isEqualTo(QueryStatus.State.RUNNING);
            assertThat(PolaroidConnectGrpc.newBlockingStub(fixture.cluster.channel())
                    .cancel(CancelRequest.newBuilder().setQueryId(id).build()).getCancelled()).isTrue();
            Throwable failure = catchThrowableOfType(java.util.concurrent.ExecutionException.class,
                    () -> run.get(30, TimeUnit.SECONDS)).getCause();
            assertThat(failure).isInstanceOf(StatusRuntimeException.class).hasMessageContaining("CANCELLED");
            assertThat(status(id).getState()).isEqualTo(QueryStatus.State.CANCELLED);
        } finally {
            pool.shutdownNow();
        }
        fixture.cluster.assertWorkersHoldNothing(15_000);
    }

    @Test
    @Order(5)
    void aClientThatGoesAwayOrATimeoutCancelsTheQuery() {
        var plan = PlanCodec.encodePlan(heavyQuery(fixture.remote).plan());
        assertThatThrownBy(() -> PolaroidConnectGrpc.newBlockingStub(fixture.cluster.channel())
                .withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                .executePlan(ExecutePlanRequest.newBuilder().setQueryId("goes-away").setPlan(plan).build()))
                .hasMessageContaining("DEADLINE_EXCEEDED");
        awaitState("goes-away", QueryStatus.State.CANCELLED);
        assertThat(status("goes-away").getError()).contains("the client went away");
        fixture.cluster.assertWorkersHoldNothing(15_000);

        StatusRuntimeException timedOut = catchThrowableOfType(StatusRuntimeException.class,
                () -> PolaroidConnectGrpc.newBlockingStub(fixture.cluster.channel()).executePlan(ExecutePlanRequest.newBuilder()
                        .setQueryId("times-out").setTimeoutMs(300).setPlan(plan).build()));
        assertThat(timedOut.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.CANCELLED);
        assertThat(timedOut.getStatus().getDescription()).contains("timed out after 300 ms");
        fixture.cluster.assertWorkersHoldNothing(15_000);
    }

    private static void awaitState(String id, QueryStatus.State state) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try {
                if (status(id).getState() == state) {
                    return;
                }
            } catch (StatusRuntimeException notYet) {
                // not registered yet
            }
            LocalCluster.sleep(20);
        }
        throw new AssertionError("query " + id + " never became " + state + ": " + status(id));
    }

    @Test
    @Order(6)
    void eightClientsTwentyQueriesEachAllRight() throws Exception {
        int[] queries = {6, 14, 19, 4, 12};
        List<List<List<Object>>> expected = new ArrayList<>();
        for (int q : queries) {
            try (DataFrame df = TpchQueries.query(q, fixture.localTables).collect()) {
                expected.add(df.rows());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> clients = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int client = c;
                clients.add(CompletableFuture.runAsync(() -> {
                    try (Polaroid pl = Polaroid.connect(fixture.cluster.url())) {
                        TpchTables tables = new TpchTables(pl, fixture.data);
                        for (int i = 0; i < 20; i++) {
                            int k = (client + i) % queries.length;
                            try (DataFrame df = TpchQueries.query(queries[k], tables).collect()) {
                                String diff = Rows.difference(expected.get(k), df.rows(), true);
                                if (diff != null) {
                                    throw new AssertionError("client " + client + " Q" + queries[k] + ": " + diff);
                                }
                            }
                        }
                    }
                }, pool));
            }
            CompletableFuture.allOf(clients.toArray(new CompletableFuture[0])).get(5, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        fixture.cluster.assertWorkersHoldNothing(15_000);
    }

    @Test
    @Order(7)
    void aWorkerKilledMidQueryLeavesTheRightAnswerFromTheOtherOne() throws Exception {
        List<List<Object>> expected;
        try (DataFrame df = heavyQuery(fixture.local).collect()) {
            expected = df.rows();
        }
        CompletableFuture<List<List<Object>>> run = CompletableFuture.supplyAsync(() -> {
            try (DataFrame df = heavyQuery(fixture.remote).collect()) {
                return df.rows();
            }
        });
        // Kill worker 1 while it runs a task of the query.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (fixture.cluster.workerStatus(1).getRunningTasks() == 0 && System.nanoTime() < deadline) {
            LocalCluster.sleep(5);
        }
        fixture.cluster.kill(1);
        List<List<Object>> actual = run.get(2, TimeUnit.MINUTES);
        assertThat(Rows.difference(expected, actual, false)).isNull();
        // The query may finish before the missed heartbeats declare the worker dead; that comes within the timeout.
        assertThat(liveWorkersAfterHeartbeatTimeout(1)).isEqualTo(1);
        fixture.cluster.assertWorkersHoldNothing(15_000);
    }

    /**
     * A result streams from the workers while its client reads. Killed mid-stream, a worker takes
     * the part it had not sent with it: the client's read fails saying so (a stream is never cut
     * short silently), and {@code collect()}, which has handed out nothing, runs the query again.
     */
    @Test
    @Order(8)
    void aWorkerKilledWhileItStreamsTheResultFailsTheReadClearlyAndCollectRunsAgain() throws Exception {
        fixture.cluster.addWorker();
        fixture.cluster.awaitWorkers(2);
        int victim = fixture.cluster.workerCount() - 1;
        String lineitem = fixture.data.resolve("lineitem.parquet").toString();
        long expected;
        try (DataFrame df = fixture.local.scanParquet(lineitem).select("l_orderkey").collect()) {
            expected = df.height();
        }
        try (java.util.stream.Stream<DataFrame> stream = fixture.remote.scanParquet(lineitem).collectStream()) {
            java.util.Iterator<DataFrame> batches = stream.iterator();
            batches.next().close();
            // This client pauses: every column of lineitem is megabytes more than the network
            // holds, so most of each worker's part waits on the worker when it dies.
            fixture.cluster.kill(victim);
            assertThatThrownBy(() -> batches.forEachRemaining(DataFrame::close))
                    .isInstanceOfSatisfying(PolaroidException.class, e -> assertThat(e.getMessage())
                            .containsAnyOf("streamed from a worker that is gone", "stopped on the cluster", "declared dead"));
        }
        try (DataFrame df = fixture.remote.scanParquet(lineitem).select("l_orderkey").collect()) {
            assertThat(df.height()).isEqualTo(expected);
        }
        assertThat(liveWorkersAfterHeartbeatTimeout(1)).isEqualTo(1);
        fixture.cluster.assertWorkersHoldNothing(15_000);
    }

    @Test
    @Order(9)
    void withNoWorkerLeftAQueryFailsClearlyAndTheCoordinatorIsNotReady() throws Exception {
        fixture.cluster.kill(0);
        assertThat(liveWorkersAfterHeartbeatTimeout(0)).isZero();
        assertThat(Actuator.get(fixture.cluster.httpPort(), "/actuator/health/readiness")).contains("OUT_OF_SERVICE");
        assertThatThrownBy(() -> fixture.remote.scanParquet(fixture.data.resolve("region.parquet").toString()).collect())
                .isInstanceOfSatisfying(PolaroidException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR);
                    assertThat(e.getMessage()).contains("no live worker");
                });
    }

    /** Polls the coordinator's worker list until it shows {@code expected} workers or 20 s pass; returns the last count. */
    private int liveWorkersAfterHeartbeatTimeout(int expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int count;
        while ((count = PolaroidConnectGrpc.newBlockingStub(fixture.cluster.channel())
                .listWorkers(ListWorkersRequest.getDefaultInstance()).getWorkersCount()) != expected
                && System.nanoTime() < deadline) {
            LocalCluster.sleep(100);
        }
        return count;
    }
}
