package io.polaroid.server.coordinator.scheduler;

import static io.polaroid.server.coordinator.scheduler.TestPlans.hashed;
import static io.polaroid.server.coordinator.scheduler.TestPlans.plan;
import static io.polaroid.server.coordinator.scheduler.TestPlans.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.proto.v1.PartitionLocation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Lost workers, lost partitions, late reports from dead registrations, and the failure budget. */
class QuerySchedulerRecoveryTest {

    private static SchedulerHarness twoWorkers() {
        SchedulerHarness h = new SchedulerHarness();
        h.pool.register("a", 1);
        h.pool.register("b", 1);
        return h;
    }

    /** Two workers, a 2-task stage 0 hashed into a 2-task stage 1; stage 0's task k done on the k-th worker. */
    private static List<ScriptedWorkerClient.Sent> twoStagesWithStage0Done(SchedulerHarness h) {
        List<ScriptedWorkerClient.Sent> producers = h.client.awaitStage(0, 2);
        assertThat(producers).extracting(s -> s.worker.address()).containsExactly("a", "b");
        producers.forEach(s -> s.succeed(2));
        return h.client.awaitStage(1, 2);
    }

    @Test
    void aLostWorkersOutputsRunAgainUpstreamAndItsReadersAreAbandoned() {
        SchedulerHarness h = new SchedulerHarness();
        SimulatedWorker a = h.pool.register("a", 1);
        h.pool.register("b", 1);
        CompletableFuture<Void> run = h.start(plan(hashed(0, 2, 2), single(1, 2, 0)));
        List<ScriptedWorkerClient.Sent> readers = twoStagesWithStage0Done(h);

        h.pool.kill(a); // its heartbeats stopped
        List<ScriptedWorkerClient.Sent> rerun = h.client.await(1, s -> s.stage() == 0 && s.attempt() == 2);
        assertThat(readers).as("both readers read from a").allMatch(ScriptedWorkerClient.Sent::cancelled);
        assertThat(rerun.get(0).task()).isEqualTo(0);
        assertThat(rerun.get(0).worker.address()).isEqualTo("b");
        rerun.get(0).succeed(2);

        List<ScriptedWorkerClient.Sent> again = h.client.await(2, s -> s.stage() == 1 && s.attempt() == 2);
        for (ScriptedWorkerClient.Sent s : again) {
            assertThat(s.request.getInputs(0).getPartitionsList()).extracting(PartitionLocation::getAddress)
                    .containsExactly("b", "b");
            assertThat(s.request.getInputs(0).getPartitions(0).getTicket().toString(StandardCharsets.UTF_8))
                    .isEqualTo("q/0/0/2/" + s.task());
            s.succeed(1);
        }
        SchedulerHarness.succeeded(run);
        assertThat(h.table.tasksRetried()).isEqualTo(3);
        assertThat(h.table.holder(0, 0).address()).isEqualTo("b");
    }

    @Test
    void anUnreachableWorkerIsDeclaredLostAndTheTaskRunsElsewhere() {
        SchedulerHarness h = twoWorkers();
        CompletableFuture<Void> run = h.start(plan(single(0, 1)));
        ScriptedWorkerClient.Sent first = h.client.awaitStage(0, 1).get(0);
        first.answer(new AttemptOutcome.WorkerUnreachable("UNAVAILABLE: connection refused"));

        ScriptedWorkerClient.Sent second = h.client.await(1, s -> s.attempt() == 2).get(0);
        assertThat(second.worker.address()).isEqualTo("b");
        assertThat(h.pool.lostReasons()).containsExactly("a: UNAVAILABLE: connection refused");
        second.succeed(1);
        SchedulerHarness.succeeded(run);
        assertThat(h.table.finalAttempt(0, 0)).isEqualTo(2);
    }

    @Test
    void aLostPartitionRunsItsProducerAgainAndOnlyTheReaderThatLostIt() {
        SchedulerHarness h = twoWorkers();
        CompletableFuture<Void> run = h.start(plan(hashed(0, 2, 2), single(1, 2, 0)));
        List<ScriptedWorkerClient.Sent> readers = twoStagesWithStage0Done(h);

        readers.get(0).answer(new AttemptOutcome.LostPartition("q/0/1/1/0"));
        ScriptedWorkerClient.Sent producer = h.client.await(1, s -> s.stage() == 0 && s.attempt() == 2).get(0);
        assertThat(producer.task()).isEqualTo(1);
        assertThat(h.pool.live()).as("no worker is lost for a partition").hasSize(2);
        assertThat(readers.get(1).cancelled()).as("the other reader goes on").isFalse();
        readers.get(1).succeed(1);
        producer.succeed(2);

        ScriptedWorkerClient.Sent reader = h.client.await(1, s -> s.stage() == 1 && s.attempt() == 2).get(0);
        assertThat(reader.task()).isEqualTo(0);
        assertThat(reader.request.getInputs(0).getPartitions(1).getTicket().toString(StandardCharsets.UTF_8))
                .isEqualTo("q/0/1/2/0");
        reader.succeed(1);
        SchedulerHarness.succeeded(run);
    }

    @Test
    void aLostPartitionOfAnOlderAttemptChangesNothing() {
        SchedulerHarness h = twoWorkers();
        CompletableFuture<Void> run = h.start(plan(hashed(0, 2, 2), single(1, 2, 0)));
        List<ScriptedWorkerClient.Sent> readers = twoStagesWithStage0Done(h);
        readers.get(0).answer(new AttemptOutcome.LostPartition("q/0/1/7/0"));
        ScriptedWorkerClient.Sent reader = h.client.await(1, s -> s.stage() == 1 && s.attempt() == 2).get(0);
        assertThat(h.client.sent()).filteredOn(s -> s.stage() == 0).hasSize(2);
        reader.succeed(1);
        readers.get(1).succeed(1);
        SchedulerHarness.succeeded(run);
    }

    @Test
    void aLossAlreadyKnownDoesNotSpendTheReadersAttempts() {
        SchedulerHarness h = twoWorkers().taskAttempts(2);
        CompletableFuture<Void> run = h.start(plan(hashed(0, 2, 2), single(1, 2, 0)));
        List<ScriptedWorkerClient.Sent> readers = twoStagesWithStage0Done(h);
        ScriptedWorkerClient.Sent reader = readers.get(0);
        for (int attempt = 2; attempt <= 4; attempt++) {
            reader.answer(new AttemptOutcome.LostPartition("q/0/1/7/0")); // an attempt that is gone
            int next = attempt;
            reader = h.client.await(1, s -> s.stage() == 1 && s.task() == 0 && s.attempt() == next).get(0);
        }
        reader.succeed(1);
        readers.get(1).succeed(1);
        SchedulerHarness.succeeded(run);
    }

    @Test
    void aLostPartitionCountsAgainstTheReadersAttempts() {
        SchedulerHarness h = twoWorkers().taskAttempts(2);
        CompletableFuture<Void> run = h.start(plan(hashed(0, 2, 2), single(1, 2, 0)));
        List<ScriptedWorkerClient.Sent> readers = twoStagesWithStage0Done(h);
        readers.get(0).answer(new AttemptOutcome.LostPartition("q/0/1/1/0"));
        h.client.await(1, s -> s.stage() == 0 && s.attempt() == 2).get(0).succeed(2);
        h.client.await(1, s -> s.stage() == 1 && s.attempt() == 2).get(0)
                .answer(new AttemptOutcome.LostPartition("q/0/1/2/0"));
        assertThat(SchedulerHarness.failure(run))
                .hasMessage("query q: task 0 of stage 1 failed 2 times as workers were lost");
    }

    @Test
    void aReaderThatLostItsInputWorkerGetsThatWorkerDeclaredLost() {
        SchedulerHarness h = twoWorkers();
        CompletableFuture<Void> run = h.start(plan(hashed(0, 2, 2), single(1, 2, 0)));
        List<ScriptedWorkerClient.Sent> readers = twoStagesWithStage0Done(h);

        readers.get(1).answer(new AttemptOutcome.LostInputWorker("a"));
        ScriptedWorkerClient.Sent producer = h.client.await(1, s -> s.stage() == 0 && s.attempt() == 2).get(0);
        assertThat(h.pool.lostReasons()).containsExactly("a: task 1 of stage 1 could not read from it");
        assertThat(producer.task()).isEqualTo(0);
        assertThat(readers.get(0).cancelled()).as("it read from a too").isTrue();
        producer.succeed(2);
        h.client.await(2, s -> s.stage() == 1 && s.attempt() == 2).forEach(s -> s.succeed(1));
        SchedulerHarness.succeeded(run);
    }

    @Test
    void aReportFromAnOldRegistrationIsRefused() {
        SchedulerHarness h = new SchedulerHarness();
        h.pool.register("a", 1);
        CompletableFuture<Void> run = h.start(plan(single(0, 1)));
        ScriptedWorkerClient.Sent old = h.client.awaitStage(0, 1).get(0);
        SimulatedWorker again = h.pool.register("a", 1); // the worker froze, was declared dead, and came back

        ScriptedWorkerClient.Sent retry = h.client.await(1, s -> s.attempt() == 2).get(0);
        old.succeed(1); // the old registration reports late
        assertThat(retry.worker).isSameAs(again);
        assertThat(retry.request.getEpoch()).isEqualTo(again.epoch());
        assertThat(run).isNotDone();
        retry.succeed(1);
        SchedulerHarness.succeeded(run);
        assertThat(h.table.holder(0, 0)).isSameAs(again);
        assertThat(h.table.finalAttempt(0, 0)).isEqualTo(2);
    }

    @Test
    void tooManyLostAttemptsFailTheQueryWithTheTaskNamed() {
        SchedulerHarness h = new SchedulerHarness().taskAttempts(2);
        h.pool.register("a", 1);
        h.pool.register("b", 1);
        CompletableFuture<Void> run = h.start(plan(single(0, 1)));
        h.client.awaitStage(0, 1).get(0).answer(new AttemptOutcome.WorkerUnreachable("gone"));
        h.client.await(1, s -> s.attempt() == 2).get(0).answer(new AttemptOutcome.WorkerUnreachable("gone again"));

        Throwable error = SchedulerHarness.failure(run);
        assertThat(error).isInstanceOf(PolaroidException.class)
                .hasMessage("query q: task 0 of stage 0 failed 2 times as workers were lost");
        assertThat(((PolaroidException) error).code()).isEqualTo(ErrorCode.IO_ERROR);
    }
}
