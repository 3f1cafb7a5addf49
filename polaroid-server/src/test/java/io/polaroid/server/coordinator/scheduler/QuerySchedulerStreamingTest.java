package io.polaroid.server.coordinator.scheduler;

import static io.polaroid.server.coordinator.scheduler.TestPlans.hashed;
import static io.polaroid.server.coordinator.scheduler.TestPlans.plan;
import static io.polaroid.server.coordinator.scheduler.TestPlans.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A streamed result: handed out once every result task runs, and never run again after that. */
class QuerySchedulerStreamingTest {

    private static SchedulerHarness twoWorkers(CompletableFuture<List<ResultPlacement>> handedOut) {
        SchedulerHarness h = new SchedulerHarness().streaming(handedOut::complete);
        h.pool.register("a", 1);
        h.pool.register("b", 1);
        return h;
    }

    @Test
    void theResultIsHandedOutWhenEveryResultTaskRunsAndOnlyThoseTasksStream() throws Exception {
        CompletableFuture<List<ResultPlacement>> handedOut = new CompletableFuture<>();
        SchedulerHarness h = twoWorkers(handedOut);
        CompletableFuture<Void> run = h.start(plan(hashed(0, 2, 2), single(1, 2, 0)));
        List<ScriptedWorkerClient.Sent> producers = h.client.awaitStage(0, 2);
        assertThat(producers).noneMatch(s -> s.request.getStreamResult());
        assertThat(handedOut).as("not before the result stage runs").isNotDone();
        producers.forEach(s -> s.succeed(2));

        List<ScriptedWorkerClient.Sent> results = h.client.awaitStage(1, 2);
        assertThat(results).allMatch(s -> s.request.getStreamResult() && s.request.getResult());
        List<ResultPlacement> placed = handedOut.get(5, TimeUnit.SECONDS);
        assertThat(placed).extracting(p -> p.worker().address()).containsExactly(results.get(0).worker.address(),
                results.get(1).worker.address());
        assertThat(placed).extracting(ResultPlacement::attempt).containsExactly(1, 1);
        assertThat(run).as("the query runs on while its client reads").isNotDone();
        results.forEach(s -> s.succeed(1));
        SchedulerHarness.succeeded(run);
    }

    @Test
    void aResultTaskLostAfterItWasHandedOutFailsTheQueryInsteadOfRunningAgain() throws Exception {
        CompletableFuture<List<ResultPlacement>> handedOut = new CompletableFuture<>();
        SchedulerHarness h = twoWorkers(handedOut);
        CompletableFuture<Void> run = h.start(plan(single(0, 2)));
        List<ScriptedWorkerClient.Sent> results = h.client.awaitStage(0, 2);
        handedOut.get(5, TimeUnit.SECONDS);
        results.get(1).answer(new AttemptOutcome.WorkerUnreachable("UNAVAILABLE: connection reset"));

        Throwable failure = SchedulerHarness.failure(run);
        assertThat(failure).isInstanceOfSatisfying(PolaroidException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR);
            assertThat(e.getMessage()).contains("task 1 of its result was lost while its client read it")
                    .contains("cannot be resumed");
        });
        assertThat(h.client.sent()).as("no second attempt").hasSize(2);
    }

    @Test
    void aLostProducerBeforeTheResultRunsIsRecoveredAsWithoutStreaming() throws Exception {
        CompletableFuture<List<ResultPlacement>> handedOut = new CompletableFuture<>();
        SchedulerHarness h = twoWorkers(handedOut);
        CompletableFuture<Void> run = h.start(plan(hashed(0, 2, 2), single(1, 2, 0)));
        List<ScriptedWorkerClient.Sent> producers = h.client.awaitStage(0, 2);
        producers.get(0).answer(new AttemptOutcome.WorkerUnreachable("UNAVAILABLE: connection refused"));
        producers.get(1).succeed(2);
        h.client.await(1, s -> s.stage() == 0 && s.attempt() == 2).get(0).succeed(2);

        h.client.awaitStage(1, 2).forEach(s -> s.succeed(1));
        assertThat(handedOut.get(5, TimeUnit.SECONDS)).hasSize(2);
        SchedulerHarness.succeeded(run);
    }
}
