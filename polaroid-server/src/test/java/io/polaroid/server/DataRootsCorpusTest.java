package io.polaroid.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.polaroid.DataFrame;
import io.polaroid.LazyFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.distributed.DistributedPlanner;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.serde.fragment.TaskFragments;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.proto.v1.ReleaseRequest;
import io.polaroid.proto.v1.RunTaskRequest;
import io.polaroid.proto.v1.RunTaskResponse;
import io.polaroid.proto.v1.WorkerTasksGrpc;
import io.polaroid.remote.RemoteErrors;
import io.polaroid.server.PathTricks.Expect;
import io.polaroid.server.PathTricks.Trick;
import java.util.regex.Pattern;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An attacker's corpus of paths against a real coordinator and a real worker, each a JVM process
 * whose data roots are one folder and one s3a prefix (see {@link PathTricks}). Every path is
 * scanned through the coordinator (as a client does) and sent to the worker as a task (as a
 * coordinator that let it through would; the worker gets the files it lists and checks them again). Nothing from outside the roots may come
 * back, a denied path that exists and one that does not must fail with the same message, and no
 * path may make a server fail with INTERNAL or UNKNOWN.
 */
class DataRootsCorpusTest {
    private static final long BROADCAST_BYTES = 32L << 20;

    @TempDir
    static Path base;

    static PathTrickTree tree;
    static LocalCluster cluster;
    static Polaroid remote;
    static ManagedChannel worker;
    static QueryEngine planner;

    static final AtomicInteger tricks = new AtomicInteger();
    static final AtomicInteger paths = new AtomicInteger();
    static final AtomicInteger runs = new AtomicInteger();
    static final AtomicInteger escapes = new AtomicInteger();
    static final AtomicInteger oracles = new AtomicInteger();
    static final AtomicInteger internals = new AtomicInteger();
    static final AtomicInteger queryIds = new AtomicInteger();

    @BeforeAll
    static void start() {
        tree = new PathTrickTree(base);
        cluster = new LocalCluster("roots-corpus", 1, List.of(tree.data.toString(), PathTricks.S3_ROOT));
        remote = Polaroid.connect(cluster.url());
        worker = NettyChannelBuilder.forAddress("127.0.0.1", cluster.workerPort(0)).usePlaintext()
                .intercept(TestCredentials.get().internal().grpc()).build();
        planner = new QueryEngine(EngineConfig.defaults().withThreads(1));
    }

    @AfterAll
    static void stop() {
        System.out.printf("data roots corpus: %d tricks, %d paths (each at the coordinator and at a worker: %d runs), "
                + "%d escapes, %d existence oracles, %d INTERNAL/UNKNOWN%n", tricks.get(), paths.get(), runs.get(),
                escapes.get(), oracles.get(), internals.get());
        if (planner != null) {
            planner.close();
        }
        if (worker != null) {
            worker.shutdownNow();
        }
        if (remote != null) {
            remote.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static Stream<Trick> tricks() {
        // JUnit asks for the arguments after @BeforeAll has built the tree
        return PathTricks.all(tree).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tricks")
    void theRootsHold(Trick here) {
        tricks.incrementAndGet();
        paths.addAndGet(here.twin() == null ? 1 : 2);
        for (Side side : Side.values()) {
            Outcome outcome = side.run(here.format(), here.path());
            if (outcome == null) {
                continue;
            }
            runs.incrementAndGet();
            check(side, here, here.path(), outcome);
            Outcome twin = here.twin() == null ? null : side.run(here.format(), here.twin());
            if (twin != null) {
                runs.incrementAndGet();
                check(side, here, here.twin(), twin);
                if (side == Side.WORKER) {
                    continue; // a worker names the files the coordinator listed: the twins list different files
                }
                // the messages name the path as written (first), then the roots, which may contain it
                String asIs = outcome.message().replaceFirst(Pattern.quote(here.path()), "<path>");
                String ofTwin = twin.message().replaceFirst(Pattern.quote(here.twin()), "<path>");
                if (!asIs.equals(ofTwin)) {
                    oracles.incrementAndGet();
                }
                assertThat(ofTwin).as("%s: the message for %s (missing) and %s differ", side, here.twin(), here.path())
                        .isEqualTo(asIs);
            }
        }
    }

    private static void check(Side side, Trick trick, String path, Outcome outcome) {
        String where = side + " " + trick.label() + ": " + printable(path) + " -> " + outcome;
        boolean leaked = outcome.text().toLowerCase(Locale.ROOT).contains(PathTrickTree.LEAK_MARKER)
                || outcome.text().contains("root:x:0") || (outcome.code() == null && trick.expect() != Expect.READS);
        if (leaked) {
            escapes.incrementAndGet();
        }
        if (outcome.code() == ErrorCode.INTERNAL || outcome.grpc() == Status.Code.INTERNAL || outcome.grpc() == Status.Code.UNKNOWN) {
            internals.incrementAndGet();
        }
        assertThat(leaked).as("escape at %s", where).isFalse();
        switch (trick.expect()) {
            case READS -> {
                assertThat(outcome.code()).as(where).isNull();
                assertThat(outcome.rows()).as(where).isEqualTo(trick.rows());
            }
            case NOT_FOUND -> assertThat(outcome.code()).as(where).isEqualTo(ErrorCode.FILE_NOT_FOUND);
            case DENIED -> {
                assertThat(outcome.code()).as(where).isEqualTo(ErrorCode.PERMISSION_DENIED);
                assertThat(outcome.grpc()).as(where).isEqualTo(Status.Code.PERMISSION_DENIED);
                // a worker names the file the coordinator listed, not the path the user wrote
                assertThat(outcome.message()).as(where).contains(side == Side.COORDINATOR ? path : "", "outside the data roots");
            }
            case INVALID -> {
                assertThat(outcome.code()).as(where).isEqualTo(ErrorCode.INVALID_PLAN);
                assertThat(outcome.grpc()).as(where).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(outcome.message()).as(where).contains(printable(path)).doesNotContain("Exception");
            }
            case CONTAINED -> assertThat(outcome.code()).as(where).isIn(ErrorCode.PERMISSION_DENIED, ErrorCode.FILE_NOT_FOUND);
        }
    }

    /** What a server answered: {@code code} null when it read {@code rows} rows; {@code text} is all it said. */
    record Outcome(ErrorCode code, Status.Code grpc, String message, long rows, String text) {
        static Outcome failed(PolaroidException e, Status.Code grpc) {
            return new Outcome(e.code(), grpc, e.getMessage(), 0, e.getMessage());
        }
    }

    enum Side {
        /** A client's query: the coordinator plans it. */
        COORDINATOR {
            @Override
            Outcome run(ScanFormat format, String path) {
                LazyFrame scan = format == ScanFormat.CSV ? remote.scanCsv(path) : remote.scanParquet(path);
                try (DataFrame df = scan.collect()) {
                    return new Outcome(null, Status.Code.OK, "", df.height(), df.columns() + " " + df.rows());
                } catch (PolaroidException e) {
                    return Outcome.failed(e, Status.Code.valueOf(e.code().grpcStatus()));
                }
            }
        },
        /**
         * A task sent to the worker as a coordinator that let the path through would send it: the
         * scan planned without data roots, the task's files listed in its parts. A path that does
         * not resolve to a file gives no task (null): no coordinator could send one.
         */
        WORKER {
            @Override
            Outcome run(ScanFormat format, String path) {
                PlanNode scan = new PlanNode.Scan(format, List.of(path), null);
                String queryId = "corpus-" + queryIds.incrementAndGet();
                DistributedPlan plan;
                try {
                    plan = new DistributedPlanner(1, BROADCAST_BYTES).plan(planner.plan(scan).optimized());
                } catch (RuntimeException | LinkageError unplannable) {
                    return null;
                }
                TaskFragments fragments = new TaskFragments(plan);
                int root = plan.root().id();
                RunTaskRequest.Builder task = RunTaskRequest.newBuilder().setQueryId(queryId).setStageId(root).setTask(0)
                        .setFragment(fragments.fragment(root)).addAllScans(fragments.scans(root, 0)).setOutputPartitions(1)
                        .setResult(true).setEpoch(cluster.workerEpoch(0));
                WorkerTasksGrpc.WorkerTasksBlockingStub stub = WorkerTasksGrpc.newBlockingStub(worker);
                try {
                    RunTaskResponse done = stub.withDeadlineAfter(30, TimeUnit.SECONDS).runTask(task.build());
                    return new Outcome(null, Status.Code.OK, "", done.getRowsScanned(), done.toString());
                } catch (StatusRuntimeException e) {
                    return Outcome.failed(RemoteErrors.fromGrpc(e), e.getStatus().getCode());
                } finally {
                    stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                            .releaseQuery(ReleaseRequest.newBuilder().setQueryId(queryId).setKeepResults(false).build());
                }
            }
        };

        abstract Outcome run(ScanFormat format, String path);
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
