package io.polaroid.server.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.distributed.DistributedPlanner;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.io.parquet.FooterCache;
import io.polaroid.engine.serde.fragment.TaskFragments;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.session.RunControl;
import io.polaroid.proto.v1.Fragment;
import io.polaroid.proto.v1.Operator;
import io.polaroid.proto.v1.ResolvedCall;
import io.polaroid.proto.v1.RunTaskRequest;
import io.polaroid.proto.v1.RunTaskResponse;
import io.polaroid.remote.Transport;
import io.polaroid.server.TestCredentials;
import io.polaroid.server.common.PolaroidMetrics;
import io.polaroid.server.config.WorkerProperties;
import io.polaroid.tpch.TpchData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker's task service given fragments as a coordinator sends them, in this JVM: it runs what
 * the coordinator planned without reading a footer, and a fragment it cannot read fails the task
 * with INTERNAL naming the stage.
 */
class FragmentTaskTest {
    static QueryEngine coordinator;
    static QueryEngine workerEngine;
    static TaskService worker;

    @BeforeAll
    static void start() {
        coordinator = new QueryEngine(EngineConfig.defaults().withThreads(1));
        workerEngine = new QueryEngine(EngineConfig.defaults().withThreads(1));
        worker = new TaskService(workerEngine, new PolaroidMetrics(new SimpleMeterRegistry()),
                new WorkerProperties(null, null, null, null, Duration.ofMinutes(1), null, null, null), TestCredentials.get().internal(),
                Transport.PLAINTEXT);
    }

    @AfterAll
    static void stop() {
        worker.close();
        workerEngine.close();
        coordinator.close();
    }

    private static RunTaskRequest.Builder task(String queryId, TaskFragments fragments, DistributedPlan plan) {
        int root = plan.root().id();
        return RunTaskRequest.newBuilder().setQueryId(queryId).setStageId(root).setTask(0).setFragment(fragments.fragment(root))
                .addAllScans(fragments.scans(root, 0)).setOutputPartitions(1).setResult(true);
    }

    /** A scan of a fresh copy of a TPC-H table, planned by the coordinator: its footer is not in any cache. */
    private static DistributedPlan scanOfACopy(String table, Path dir) throws java.io.IOException {
        Path file = Files.copy(TpchData.splitTestData().resolve(table + ".parquet"), dir.resolve(table + ".parquet"));
        PlanNode scan = new PlanNode.Scan(ScanFormat.PARQUET, List.of(file.toString()), null);
        return new DistributedPlanner(1, 0).plan(coordinator.plan(scan).optimized());
    }

    @Test
    void runsTheCoordinatorsFragmentWithoutReadingAFooter(@TempDir Path dir) throws Exception {
        DistributedPlan plan = scanOfACopy("nation", dir);
        TaskFragments fragments = new TaskFragments(plan);
        long footers = FooterCache.reads();
        RunTaskResponse done = worker.run(task("reads", fragments, plan).build(), new RunControl());
        assertThat(done.getPartitionRowsList()).containsExactly(25L);
        assertThat(FooterCache.reads()).as("footers the worker read").isEqualTo(footers);
        worker.release("reads", false);
    }

    @Test
    void aFragmentItCannotReadFailsNamingTheStage(@TempDir Path dir) throws Exception {
        DistributedPlan plan = scanOfACopy("region", dir);
        TaskFragments fragments = new TaskFragments(plan);
        // what a coordinator of a later version might send: a function this worker does not know
        Operator bad = Operator.newBuilder().setFilter(io.polaroid.proto.v1.FilterOp.newBuilder()
                .setInput(fragments.fragment(plan.root().id()).getRoot())
                .setPredicate(io.polaroid.proto.v1.Resolved.newBuilder().setCall(ResolvedCall.newBuilder()
                        .setFunction("TELEPORT").setType(io.polaroid.engine.serde.TypeCodec.encode(
                                io.polaroid.engine.types.DataType.BOOL))))).build();
        RunTaskRequest request = task("malformed", fragments, plan).setFragment(Fragment.newBuilder().setRoot(bad)).build();
        assertThatThrownBy(() -> worker.run(request, new RunControl()))
                .isInstanceOfSatisfying(PolaroidException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessageContaining("stage " + plan.root().id() + " of query malformed")
                .hasMessageContaining("fragment.filter.predicate: unknown ScalarFn 'TELEPORT'");
        assertThat(worker.runningTasks()).isZero();
        worker.release("malformed", false);
    }
}
