package io.polaroid.server.coordinator.scheduler;

import static io.polaroid.server.coordinator.scheduler.TestPlans.plan;
import static io.polaroid.server.coordinator.scheduler.TestPlans.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** What ends a query early: a cancel, the timeout, a client gone, no worker, the query's own error. */
class QuerySchedulerStopTest {

    private static PolaroidException stoppedWith(CompletableFuture<Void> run, ErrorCode code) {
        Throwable error = SchedulerHarness.failure(run);
        assertThat(error).isInstanceOf(PolaroidException.class);
        assertThat(((PolaroidException) error).code()).isEqualTo(code);
        return (PolaroidException) error;
    }

    @Test
    void aCancelStopsTheQueryAndEveryRunningAttempt() {
        SchedulerHarness h = new SchedulerHarness();
        SimulatedWorker w = h.pool.register("a", 4);
        CompletableFuture<Void> run = h.start(plan(single(0, 3)));
        List<ScriptedWorkerClient.Sent> sent = h.client.awaitStage(0, 3);
        sent.get(0).succeed(1);
        h.scheduler.cancel("the user asked");

        assertThat(stoppedWith(run, ErrorCode.CANCELLED)).hasMessage("query q was cancelled: the user asked");
        assertThat(sent.subList(1, 3)).allMatch(ScriptedWorkerClient.Sent::cancelled);
        assertThat(w.assigned().get()).as("slots given back").isZero();
    }

    @Test
    void theTimeoutStopsAQueryWhoseTasksNeverEnd() {
        SchedulerHarness h = new SchedulerHarness().timeoutMillis(200);
        h.pool.register("a", 4);
        long start = System.nanoTime();
        CompletableFuture<Void> run = h.start(plan(single(0, 2)));
        h.client.awaitStage(0, 2);
        assertThat(stoppedWith(run, ErrorCode.CANCELLED)).hasMessage("query q timed out after 200 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(h.client.sent()).allMatch(ScriptedWorkerClient.Sent::cancelled);
    }

    @Test
    void aClientThatWentAwayCancelsTheQuery() {
        AtomicBoolean gone = new AtomicBoolean();
        SchedulerHarness h = new SchedulerHarness().clientGone(gone::get);
        h.pool.register("a", 4);
        CompletableFuture<Void> run = h.start(plan(single(0, 1)));
        h.client.awaitStage(0, 1);
        gone.set(true);
        assertThat(stoppedWith(run, ErrorCode.CANCELLED)).hasMessage("query q was cancelled: the client went away");
    }

    @Test
    void noLiveWorkerFailsWithAClearErrorAfterTheWait() {
        SchedulerHarness h = new SchedulerHarness().workerWait(Duration.ofMillis(100));
        CompletableFuture<Void> run = h.start(plan(single(0, 1)));
        assertThat(stoppedWith(run, ErrorCode.IO_ERROR))
                .hasMessage("query q: no live worker to run its tasks (waited 100 ms)");
        assertThat(h.client.sent()).isEmpty();
    }

    @Test
    void aWorkerThatRegistersDuringTheWaitGetsTheTasks() throws Exception {
        SchedulerHarness h = new SchedulerHarness().workerWait(Duration.ofSeconds(5));
        CompletableFuture<Void> run = h.start(plan(single(0, 1)));
        Thread.sleep(100);
        h.pool.register("late", 1);
        h.client.awaitStage(0, 1).get(0).succeed(1);
        SchedulerHarness.succeeded(run);
    }

    @Test
    void theQuerysOwnErrorFailsItWithoutRetry() {
        SchedulerHarness h = new SchedulerHarness();
        h.pool.register("a", 4);
        CompletableFuture<Void> run = h.start(plan(single(0, 2)));
        List<ScriptedWorkerClient.Sent> sent = h.client.awaitStage(0, 2);
        sent.get(0).answer(new AttemptOutcome.Failed(PolaroidException.invalidPlan("column x not found")));
        assertThat(stoppedWith(run, ErrorCode.INVALID_PLAN)).hasMessageContaining("column x not found");
        assertThat(h.client.sent()).hasSize(2);
        assertThat(sent.get(1).cancelled()).isTrue();
    }
}
