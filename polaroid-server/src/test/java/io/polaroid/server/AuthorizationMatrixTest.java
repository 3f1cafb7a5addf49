package io.polaroid.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.serde.PlanCodec;
import io.polaroid.proto.v1.AnalyzePlanRequest;
import io.polaroid.proto.v1.CancelRequest;
import io.polaroid.proto.v1.ExecutePlanRequest;
import io.polaroid.proto.v1.ExecutePlanResponse;
import io.polaroid.proto.v1.GetQueryRequest;
import io.polaroid.proto.v1.HeartbeatRequest;
import io.polaroid.proto.v1.ListWorkersRequest;
import io.polaroid.proto.v1.Plan;
import io.polaroid.proto.v1.PolaroidConnectGrpc;
import io.polaroid.proto.v1.QueryRef;
import io.polaroid.proto.v1.RegisterRequest;
import io.polaroid.proto.v1.ReleaseRequest;
import io.polaroid.proto.v1.RunTaskRequest;
import io.polaroid.proto.v1.StatusRequest;
import io.polaroid.proto.v1.WorkerRegistryGrpc;
import io.polaroid.proto.v1.WorkerTasksGrpc;
import io.polaroid.remote.Authorization;
import io.polaroid.tpch.TpchData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.Criteria;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every RPC of every service of a real cluster (the coordinator's PolaroidConnect, Flight and
 * worker registry; a worker's tasks service and Flight), called with each kind of credential:
 * none, a wrong token, another principal's token, a session token from the basic-auth handshake,
 * the cluster's internal credential, and the right one; for result tickets also forged and
 * expired ones. Only the cells the design allows may succeed; every other call must be refused.
 */
class AuthorizationMatrixTest {
    enum Cred { NONE, WRONG, OTHER, VALID, SESSION, INTERNAL }

    private static final Set<Cred> CLIENTS = EnumSet.of(Cred.VALID, Cred.OTHER, Cred.SESSION);
    private static final Set<Cred> SERVERS = EnumSet.of(Cred.INTERNAL);
    /** The actuator beyond health takes any credential of the cluster: clients' and the servers' (Prometheus scrapes with one). */
    private static final Set<Cred> ACTUATOR = EnumSet.of(Cred.VALID, Cred.OTHER, Cred.SESSION, Cred.INTERNAL);

    static LocalCluster cluster;
    static final Path data = TpchData.splitTestData();
    static RootAllocator allocator;
    static String sessionBearer;

    @BeforeAll
    static void start() {
        cluster = new LocalCluster("authz", 1, List.of(data.toString()), "--polaroid.security.ticket-ttl=1s");
        allocator = new RootAllocator();
        // Flight's basic-auth handshake, as the Flight SQL JDBC driver does it: the bearer token
        // comes back in the handshake's response headers.
        java.util.concurrent.atomic.AtomicReference<String> answered = new java.util.concurrent.atomic.AtomicReference<>();
        org.apache.arrow.flight.FlightClientMiddleware.Factory capture = info -> new org.apache.arrow.flight.FlightClientMiddleware() {
            @Override
            public void onBeforeSendingHeaders(org.apache.arrow.flight.CallHeaders outgoing) {
            }

            @Override
            public void onHeadersReceived(org.apache.arrow.flight.CallHeaders incoming) {
                if (incoming.get("authorization") != null) {
                    answered.set(incoming.get("authorization"));
                }
            }

            @Override
            public void onCallCompleted(org.apache.arrow.flight.CallStatus status) {
            }
        };
        try (FlightClient c = FlightClient.builder(allocator, coordinator()).intercept(capture).build()) {
            assertThat(c.authenticateBasicToken(TestCredentials.USER, TestCredentials.PASSWORD)).isPresent();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        sessionBearer = answered.get();
        assertThat(sessionBearer).startsWith("Bearer polaroid-session.");
    }

    @AfterAll
    static void stop() {
        if (allocator != null) {
            allocator.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Location coordinator() {
        return Location.forGrpcInsecure("127.0.0.1", cluster.port());
    }

    private static Authorization auth(Cred c) {
        TestCredentials creds = TestCredentials.get();
        return switch (c) {
            case NONE -> Authorization.NONE;
            case WRONG -> Authorization.bearer("not-a-token-of-this-cluster");
            case OTHER -> Authorization.bearer(creds.otherToken());
            case VALID -> creds.client();
            case SESSION -> new Authorization(sessionBearer);
            case INTERNAL -> creds.internal();
        };
    }

    private static Plan regionPlan() {
        return PlanCodec.encodePlan(new PlanNode.Scan(ScanFormat.PARQUET, List.of(data.resolve("region.parquet").toString()), null));
    }

    private static ManagedChannel channel(int port, Cred c) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().intercept(auth(c).grpc()).build();
    }

    private static <T> T grpc(int port, Cred c, Function<ManagedChannel, T> call) {
        ManagedChannel ch = channel(port, c);
        try {
            return call.apply(ch);
        } finally {
            ch.shutdownNow();
        }
    }

    private static <T> T flight(Location at, Cred c, Function<FlightClient, T> call) {
        try (FlightClient client = FlightClient.builder(allocator, at).intercept(auth(c).flight()).build()) {
            return call.apply(client);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ExecutePlanResponse execute(Cred c, long timeoutMs) {
        return grpc(cluster.port(), c, ch -> PolaroidConnectGrpc.newBlockingStub(ch).withDeadlineAfter(60, TimeUnit.SECONDS)
                .executePlan(ExecutePlanRequest.newBuilder().setPlan(regionPlan()).setTimeoutMs(timeoutMs).build()));
    }

    /** "OK", or the status code a call was refused with. */
    private static String outcome(Runnable call) {
        try {
            call.run();
            return "OK";
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode().name();
        } catch (FlightRuntimeException e) {
            return e.status().code().name();
        } catch (HttpRefused e) {
            return e.getMessage();
        }
    }

    /** Reads a result partition whole; fails unless every row arrives. */
    private static Runnable read(Location at, Cred c, byte[] ticket, long rows) {
        return () -> flight(at, c, client -> {
            long got = 0;
            try (FlightStream s = client.getStream(new Ticket(ticket))) {
                while (s.next()) {
                    got += s.getRoot().getRowCount();
                }
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            assertThat(got).isEqualTo(rows);
            return null;
        });
    }

    private record Row(String door, Set<Cred> allowed, Function<Cred, Runnable> call, Set<String> refusals) {
    }

    @Test
    void onlyTheAllowedCellsSucceed() throws Exception {
        ExecutePlanResponse mine = execute(Cred.VALID, 0);
        ExecutePlanResponse viaSession = execute(Cred.SESSION, 0);
        ExecutePlanResponse expiring = execute(Cred.VALID, 1_000);
        long expiredAfter = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_500); // timeout 1 s + ticket-ttl 1 s
        byte[] ticket = mine.getEndpoints(0).getTicket().toByteArray();
        byte[] forged = ticket.clone();
        forged[0] = (byte) (forged[0] == 'a' ? 'b' : 'a'); // another query id, same signature
        Location worker = Location.forGrpcInsecure("127.0.0.1", cluster.workerPort(0));
        long rows = mine.getTotalRows();
        Set<String> auth = Set.of("UNAUTHENTICATED");
        // Flight names gRPC's PERMISSION_DENIED UNAUTHORIZED
        Set<String> denied = Set.of("UNAUTHENTICATED", "UNAUTHORIZED");
        Set<String> notYours = Set.of("UNAUTHENTICATED", "NOT_FOUND");
        FlightDescriptor command = FlightDescriptor.command(regionPlan().toByteArray());

        List<Row> rowsOfMatrix = List.of(
                new Row("coordinator PolaroidConnect/ExecutePlan", CLIENTS, c -> () -> execute(c, 0), auth),
                new Row("coordinator PolaroidConnect/AnalyzePlan", CLIENTS, c -> () -> grpc(cluster.port(), c,
                        ch -> PolaroidConnectGrpc.newBlockingStub(ch).analyzePlan(AnalyzePlanRequest.newBuilder().setPlan(regionPlan())
                                .build())), auth),
                new Row("coordinator PolaroidConnect/ListWorkers", CLIENTS, c -> () -> grpc(cluster.port(), c,
                        ch -> PolaroidConnectGrpc.newBlockingStub(ch).listWorkers(ListWorkersRequest.getDefaultInstance())), auth),
                new Row("coordinator PolaroidConnect/GetQuery (the valid principal's query)", EnumSet.of(Cred.VALID),
                        c -> () -> grpc(cluster.port(), c, ch -> PolaroidConnectGrpc.newBlockingStub(ch)
                                .getQuery(GetQueryRequest.newBuilder().setQueryId(mine.getQueryId()).build())), notYours),
                new Row("coordinator PolaroidConnect/Cancel", CLIENTS, c -> () -> grpc(cluster.port(), c,
                        ch -> PolaroidConnectGrpc.newBlockingStub(ch).cancel(CancelRequest.newBuilder().setQueryId("q-none").build())),
                        auth),
                new Row("coordinator Flight/Handshake", CLIENTS, c -> () -> flight(coordinator(), c, client -> {
                    client.handshake();
                    return null;
                }), auth),
                new Row("coordinator Flight/ListFlights", CLIENTS, c -> () -> flight(coordinator(), c,
                        client -> client.listFlights(Criteria.ALL).iterator().hasNext()), auth),
                new Row("coordinator Flight/GetFlightInfo", CLIENTS, c -> () -> flight(coordinator(), c,
                        client -> client.getInfo(command)), auth),
                new Row("coordinator Flight/GetSchema", CLIENTS, c -> () -> flight(coordinator(), c,
                        client -> client.getSchema(command)), auth),
                new Row("coordinator Flight/DoAction explain", CLIENTS, c -> () -> flight(coordinator(), c,
                        client -> client.doAction(new Action("explain", regionPlan().toByteArray())).next()), auth),
                new Row("coordinator Flight/ListActions", CLIENTS, c -> () -> flight(coordinator(), c,
                        client -> client.listActions().iterator().hasNext()), auth),
                new Row("coordinator WorkerRegistry/Register", SERVERS, c -> () -> expectInvalid(() -> grpc(cluster.port(), c,
                        ch -> WorkerRegistryGrpc.newBlockingStub(ch).register(RegisterRequest.getDefaultInstance()))), auth),
                new Row("coordinator WorkerRegistry/Heartbeat", SERVERS, c -> () -> expectCode("NOT_FOUND", () -> grpc(cluster.port(), c,
                        ch -> WorkerRegistryGrpc.newBlockingStub(ch).heartbeat(HeartbeatRequest.newBuilder().setId("nobody").build()))),
                        auth),
                new Row("worker WorkerTasks/Status", SERVERS, c -> () -> grpc(cluster.workerPort(0), c,
                        ch -> WorkerTasksGrpc.newBlockingStub(ch).status(StatusRequest.getDefaultInstance())), auth),
                new Row("worker WorkerTasks/ReleaseQuery", SERVERS, c -> () -> grpc(cluster.workerPort(0), c,
                        ch -> WorkerTasksGrpc.newBlockingStub(ch).releaseQuery(ReleaseRequest.newBuilder().setQueryId("q-none").build())),
                        auth),
                new Row("worker WorkerTasks/CancelQuery", SERVERS, c -> () -> grpc(cluster.workerPort(0), c,
                        ch -> WorkerTasksGrpc.newBlockingStub(ch).cancelQuery(QueryRef.newBuilder().setQueryId("q-none").build())), auth),
                new Row("worker WorkerTasks/RunTask (an old epoch)", SERVERS, c -> () -> expectCode("CANCELLED", () -> grpc(
                        cluster.workerPort(0), c, ch -> WorkerTasksGrpc.newBlockingStub(ch).runTask(RunTaskRequest.newBuilder()
                                .setQueryId("q-none").setEpoch(-5).build()))), auth),
                new Row("coordinator actuator /actuator/health", EnumSet.allOf(Cred.class),
                        c -> http(cluster.httpPort(), "/actuator/health", c), Set.of("401")),
                new Row("coordinator actuator /actuator/prometheus", ACTUATOR, c -> http(cluster.httpPort(), "/actuator/prometheus", c),
                        Set.of("401")),
                new Row("coordinator actuator /actuator/metrics", ACTUATOR, c -> http(cluster.httpPort(), "/actuator/metrics", c),
                        Set.of("401")),
                new Row("coordinator actuator /actuator/info", ACTUATOR, c -> http(cluster.httpPort(), "/actuator/info", c),
                        Set.of("401")),
                new Row("worker Flight/DoGet (a result ticket)", EnumSet.of(Cred.VALID), c -> read(worker, c, ticket, rows), denied),
                new Row("worker Flight/DoGet (a session's result ticket)", EnumSet.of(Cred.SESSION),
                        c -> read(worker, c, viaSession.getEndpoints(0).getTicket().toByteArray(), rows), denied),
                new Row("worker Flight/DoGet (a forged ticket)", EnumSet.noneOf(Cred.class), c -> read(worker, c, forged, rows), denied),
                new Row("worker Flight/DoGet (an expired ticket)", EnumSet.noneOf(Cred.class), c -> {
                    LocalCluster.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(expiredAfter - System.nanoTime())));
                    return read(worker, c, expiring.getEndpoints(0).getTicket().toByteArray(), rows);
                }, denied));

        List<String> wrong = new ArrayList<>();
        int cells = 0;
        int allowed = 0;
        for (Row row : rowsOfMatrix) {
            for (Cred c : Cred.values()) {
                String got = outcome(row.call().apply(c));
                cells++;
                boolean ok = got.equals("OK");
                allowed += ok ? 1 : 0;
                boolean expected = row.allowed().contains(c) ? ok : row.refusals().contains(got);
                if (!expected) {
                    wrong.add(row.door() + " with " + c + ": " + got);
                }
            }
        }
        System.out.printf("authorization matrix: %d RPCs x %d credentials = %d cells, %d allowed, %d refused, %d wrong%n",
                rowsOfMatrix.size(), Cred.values().length, cells, allowed, cells - allowed, wrong.size());
        assertThat(wrong).isEmpty();
    }

    /** A GET of an actuator path: fails with the HTTP status unless it is 200. */
    private static Runnable http(int port, String path, Cred c) {
        return () -> {
            int status = Actuator.status(port, path, auth(c).value());
            if (status != 200) {
                throw new HttpRefused(status);
            }
        };
    }

    private static final class HttpRefused extends RuntimeException {
        HttpRefused(int status) {
            super(Integer.toString(status));
        }
    }

    private static void expectInvalid(Runnable call) {
        expectCode("INVALID_ARGUMENT", call);
    }

    /** Runs a call that passes authentication only to fail later with {@code code}: that counts as allowed. */
    private static void expectCode(String code, Runnable call) {
        String got = outcome(call);
        if (!got.equals(code) && !got.equals("OK")) {
            throw io.grpc.Status.fromCode(io.grpc.Status.Code.valueOf(got)).asRuntimeException();
        }
    }

}
