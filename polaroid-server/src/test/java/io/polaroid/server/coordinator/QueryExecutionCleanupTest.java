package io.polaroid.server.coordinator;

import static io.polaroid.server.coordinator.scheduler.TestPlans.plan;
import static io.polaroid.server.coordinator.scheduler.TestPlans.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.serde.fragment.TaskFragments;
import io.polaroid.proto.v1.QueryStatus;
import io.polaroid.server.config.SchedulerProperties;
import io.polaroid.server.coordinator.scheduler.AttemptOutcome;
import io.polaroid.server.coordinator.scheduler.ScriptedWorkerClient;
import io.polaroid.server.coordinator.scheduler.SimulatedPool;
import io.polaroid.server.security.TicketSigner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** After its end (once its client may read the result) a query tells the workers it ran on, and only those, to free it. */
class QueryExecutionCleanupTest {
    private final SimulatedPool pool = new SimulatedPool();
    private final ScriptedWorkerClient client = new ScriptedWorkerClient();

    private QueryExecution query() {
        pool.register("a", 1);
        pool.register("b", 1);
        pool.register("c", 1);
        DistributedPlan plan = plan(single(0, 2));
        SchedulerProperties props = new SchedulerProperties(null, null, null, null, null, null, null, null, null, null, null, null, null);
        return new QueryExecution("q", new TaskFragments(plan), plan, pool, client, props, 60_000,
                () -> false, new TicketSigner(null), "", Duration.ofMinutes(1), false, "test");
    }

    @Test
    void successReleasesTheShufflesOnTheWorkersThatRanTasks() throws Exception {
        QueryExecution q = query();
        CompletableFuture<Void> run = CompletableFuture.runAsync(q::run);
        List<ScriptedWorkerClient.Sent> sent = client.awaitStage(0, 2);
        sent.forEach(s -> s.succeed(1));
        run.get(5, TimeUnit.SECONDS);
        assertThat(client.releases()).isEmpty();
        q.releaseShuffles();

        assertThat(client.releases()).containsExactlyInAnyOrder("a q", "b q");
        assertThat(client.cancels()).isEmpty();
        assertThat(q.state()).isEqualTo(QueryStatus.State.SUCCEEDED);
        assertThat(q.endpoints()).extracting(QueryExecution.Endpoint::address).containsExactly("a", "b");
        assertThat(q.status().getTasksDone()).isEqualTo(2);
        assertThat(q.totalRows()).isEqualTo(2);
    }

    @Test
    void failureCancelsTheQueryOnTheLiveWorkersThatRanTasks() {
        QueryExecution q = query();
        CompletableFuture<Void> run = CompletableFuture.runAsync(q::run);
        List<ScriptedWorkerClient.Sent> sent = client.awaitStage(0, 2);
        pool.kill(pool.live().get(1)); // b: lost, so nobody to tell; its task runs again on c
        assertThat(client.await(1, s -> s.attempt() == 2).get(0).worker.address()).isEqualTo("c");
        sent.get(0).answer(new AttemptOutcome.Failed(PolaroidException.invalidPlan("bad")));

        assertThatThrownBy(() -> run.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(PolaroidException.class);
        assertThat(client.cancels()).containsExactlyInAnyOrder("a q", "c q");
        assertThat(client.releases()).isEmpty();
        assertThat(q.state()).isEqualTo(QueryStatus.State.FAILED);
        assertThat(q.status().getError()).isEqualTo("bad");
    }
}
