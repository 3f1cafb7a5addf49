package io.polaroid.server.coordinator.scheduler;

import static io.polaroid.server.coordinator.scheduler.TestPlans.hashed;
import static io.polaroid.server.coordinator.scheduler.TestPlans.plan;
import static io.polaroid.server.coordinator.scheduler.TestPlans.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.proto.v1.PartitionLocation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pipelined exchanges: a stage starts once every stage it reads runs, reading their output as it
 * is made, and what it read from a lost attempt is read again from the attempt that replaces it.
 */
class QuerySchedulerPipelineTest {

    private static SchedulerHarness twoWorkers() {
        SchedulerHarness h = new SchedulerHarness().pipeline(true);
        h.pool.register("a", 2);
        h.pool.register("b", 2);
        return h;
    }

    private static List<String> tickets(ScriptedWorkerClient.Sent reader) {
        return reader.request.getInputs(0).getPartitionsList().stream()
                .map(p -> p.getTicket().toString(StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aConsumerStartsWithItsRunningProducersAndReadsTheirRunningAttempts() {
        SchedulerHarness h = twoWorkers();
        CompletableFuture<Void> run = h.start(plan(hashed(0, 2, 2), single(1, 2, 0)));
        List<ScriptedWorkerClient.Sent> producers = h.client.awaitStage(0, 2);
        List<ScriptedWorkerClient.Sent> consumers = h.client.awaitStage(1, 2);
        for (ScriptedWorkerClient.Sent c : consumers) {
            assertThat(c.request.getInputs(0).getPartitionsList()).as("rows are unknown while they are made")
                    .extracting(PartitionLocation::getRows).containsExactly(-1L, -1L);
            assertThat(c.request.getInputs(0).getPartitionsList()).extracting(PartitionLocation::getAddress)
                    .containsExactly(producers.get(0).worker.address(), producers.get(1).worker.address());
            assertThat(tickets(c)).containsExactly("q/0/0/1/" + c.task(), "q/0/1/1/" + c.task());
        }
        producers.forEach(s -> s.succeed(2));
        assertThat(run).isNotDone();
        consumers.forEach(s -> s.succeed(1));
        SchedulerHarness.succeeded(run);
        assertThat(h.client.sent()).hasSize(4);
    }

    @Test
    void withoutPipeliningAConsumerWaitsForItsInputsAndKnowsTheirRows() {
        SchedulerHarness h = new SchedulerHarness();
        h.pool.register("a", 2);
        CompletableFuture<Void> run = h.start(plan(hashed(0, 2, 2), single(1, 2, 0)));
        List<ScriptedWorkerClient.Sent> producers = h.client.awaitStage(0, 2);
        producers.get(0).succeed(2);
        assertThat(h.client.sent()).noneMatch(s -> s.stage() == 1);
        producers.get(1).succeed(2);
        List<ScriptedWorkerClient.Sent> consumers = h.client.awaitStage(1, 2);
        assertThat(consumers.get(0).request.getInputs(0).getPartitionsList()).extracting(PartitionLocation::getRows)
                .containsExactly(1L, 1L);
        consumers.forEach(s -> s.succeed(1));
        SchedulerHarness.succeeded(run);
    }

    @Test
    void aChainOfStagesStartsAtOnceEachReadingTheOneBefore() {
        SchedulerHarness h = twoWorkers();
        // stage 1 reads stage 0, stage 2 reads both: all three run together
        CompletableFuture<Void> run = h.start(plan(single(0, 1), single(1, 1, 0), single(2, 1, 0, 1)));
        ScriptedWorkerClient.Sent first = h.client.awaitStage(0, 1).get(0);
        h.client.awaitStage(1, 1);
        ScriptedWorkerClient.Sent last = h.client.awaitStage(2, 1).get(0);
        assertThat(last.request.getInputsList()).allMatch(in -> in.getPartitions(0).getRows() == -1);
        first.succeed(1);
        h.client.awaitStage(1, 1).get(0).succeed(1);
        last.succeed(1);
        SchedulerHarness.succeeded(run);
    }

    @Test
    void losingAProducersWorkerStopsItsReadersAndRunsBothAgain() throws Exception {
        // producer 0 runs on a, producer 1 on b (least loaded first, ties in address order)
        SchedulerHarness h = twoWorkers();
        CompletableFuture<Void> run = h.start(plan(hashed(0, 2, 2), single(1, 2, 0)));
        List<ScriptedWorkerClient.Sent> producers = h.client.awaitStage(0, 2);
        List<ScriptedWorkerClient.Sent> consumers = h.client.awaitStage(1, 2);
        SimulatedWorker lost = (SimulatedWorker) producers.get(1).worker;
        producers.get(0).succeed(2);
        h.pool.kill(lost);

        List<ScriptedWorkerClient.Sent> again = h.client.await(1, s -> s.stage() == 0 && s.task() == 1 && s.attempt() == 2);
        assertThat(again.get(0).worker).isNotSameAs(lost);
        assertThat(consumers).as("readers of the lost attempt are stopped").allMatch(ScriptedWorkerClient.Sent::cancelled);
        List<ScriptedWorkerClient.Sent> rerun = h.client.await(2, s -> s.stage() == 1 && s.attempt() == 2);
        for (ScriptedWorkerClient.Sent c : rerun) {
            assertThat(tickets(c)).as("the re-run reads the new attempt").containsExactly("q/0/0/1/" + c.task(),
                    "q/0/1/2/" + c.task());
            assertThat(c.request.getInputs(0).getPartitionsList()).as("the ended producer's size is known, not the new one's")
                    .extracting(PartitionLocation::getRows).containsExactly(1L, -1L);
        }
        again.get(0).succeed(2);
        rerun.forEach(s -> s.succeed(1));
        run.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aReaderThatCouldNotReachARunningProducerGivesUpItsWorker() {
        SchedulerHarness h = twoWorkers();
        CompletableFuture<Void> run = h.start(plan(single(0, 2), single(1, 1, 0)));
        List<ScriptedWorkerClient.Sent> producers = h.client.awaitStage(0, 2);
        ScriptedWorkerClient.Sent reader = h.client.awaitStage(1, 1).get(0);
        String unreachable = producers.get(0).worker.address();
        reader.answer(new AttemptOutcome.LostInputWorker(unreachable));
        h.client.await(1, s -> s.stage() == 0 && s.task() == 0 && s.attempt() == 2);
        assertThat(h.pool.lostReasons()).as("its running producer's worker is lost, not blamed on the reader")
                .anyMatch(r -> r.contains("could not read from it"));
        h.client.sent().stream().filter(s -> !s.cancelled() && s.attempt() >= 1).forEach(s -> {
            if (s.stage() == 0 && !s.worker.address().equals(unreachable)) {
                s.succeed(1);
            }
        });
        h.client.await(1, s -> s.stage() == 1 && s.attempt() == 2).get(0).succeed(1);
        SchedulerHarness.succeeded(run);
    }

    @Test
    void aProducerWhoseWorkerStopsAnsweringStopsItsReaders() throws Exception {
        // a frozen worker: its attempt ends unreachable before the coordinator declares it dead,
        // and the readers of that attempt would wait for batches that never come
        SchedulerHarness h = twoWorkers();
        CompletableFuture<Void> run = h.start(plan(hashed(0, 2, 2), single(1, 2, 0)));
        List<ScriptedWorkerClient.Sent> producers = h.client.awaitStage(0, 2);
        List<ScriptedWorkerClient.Sent> consumers = h.client.awaitStage(1, 2);
        producers.get(0).succeed(2);
        producers.get(1).answer(new AttemptOutcome.WorkerUnreachable("DEADLINE_EXCEEDED"));

        ScriptedWorkerClient.Sent again = h.client.await(1, s -> s.stage() == 0 && s.attempt() == 2).get(0);
        assertThat(consumers).as("readers of the unreachable attempt are stopped").allMatch(ScriptedWorkerClient.Sent::cancelled);
        List<ScriptedWorkerClient.Sent> rerun = h.client.await(2, s -> s.stage() == 1 && s.attempt() == 2);
        rerun.forEach(c -> assertThat(tickets(c)).contains("q/0/1/2/" + c.task()));
        again.succeed(2);
        rerun.forEach(s -> s.succeed(1));
        run.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aLostOutputStopsItsReadersAndTheirReadersDownThePlan() throws Exception {
        SchedulerHarness h = new SchedulerHarness().pipeline(true);
        h.pool.register("a", 4);
        SimulatedWorker b = h.pool.register("b", 1);
        // stage 0 runs on a and b; stages 1 and 2 start with it, on a, each reading the one before
        CompletableFuture<Void> run = h.start(plan(single(0, 2), single(1, 1, 0), single(2, 1, 1)));
        List<ScriptedWorkerClient.Sent> scans = h.client.awaitStage(0, 2);
        ScriptedWorkerClient.Sent middle = h.client.awaitStage(1, 1).get(0);
        ScriptedWorkerClient.Sent last = h.client.awaitStage(2, 1).get(0);
        assertThat(List.of(middle.worker.address(), last.worker.address())).containsOnly("a");
        scans.forEach(s -> s.succeed(1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (h.table.tasksDone() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5); // the scheduler records both outputs, one of them on b
        }
        h.pool.kill(b);

        h.client.await(1, s -> s.stage() == 0 && s.attempt() == 2).get(0).succeed(1);
        assertThat(middle.cancelled()).as("it read the lost output").isTrue();
        assertThat(last.cancelled()).as("it read what the stopped reader was making").isTrue();
        h.client.await(1, s -> s.stage() == 1 && s.attempt() == 2).get(0).succeed(1);
        h.client.await(1, s -> s.stage() == 2 && s.attempt() == 2).get(0).succeed(1);
        run.get(5, TimeUnit.SECONDS);
    }
}
