package io.polaroid.server.coordinator.scheduler;

import static io.polaroid.server.coordinator.scheduler.TestPlans.hashed;
import static io.polaroid.server.coordinator.scheduler.TestPlans.plan;
import static io.polaroid.server.coordinator.scheduler.TestPlans.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.proto.v1.PartitionLocation;
import io.polaroid.proto.v1.StageInput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** When stages start, and where their tasks go. */
class QuerySchedulerReadinessTest {

    @Test
    void joinSidesRunTogetherAndTheJoinWaitsForBoth() throws Exception {
        SchedulerHarness h = new SchedulerHarness();
        h.pool.register("w1", 8);
        CompletableFuture<Void> run = h.start(plan(hashed(0, 2, 2), hashed(1, 3, 2), single(2, 2, 0, 1)));

        List<ScriptedWorkerClient.Sent> left = h.client.awaitStage(0, 2);
        List<ScriptedWorkerClient.Sent> right = h.client.awaitStage(1, 3);
        left.forEach(s -> s.succeed(2));
        right.get(0).succeed(2);
        right.get(1).succeed(2);
        Thread.sleep(100);
        assertThat(h.client.sent()).as("the join waits for its last input").noneMatch(s -> s.stage() == 2);

        right.get(2).succeed(2);
        List<ScriptedWorkerClient.Sent> join = h.client.awaitStage(2, 2);
        for (ScriptedWorkerClient.Sent s : join) {
            assertThat(s.request.getInputsList()).extracting(StageInput::getStageId).containsExactly(0, 1);
            StageInput fromRight = s.request.getInputs(1);
            assertThat(fromRight.getPartitionsList()).hasSize(3);
            assertThat(fromRight.getPartitionsList()).extracting(p -> p.getTicket().toString(StandardCharsets.UTF_8))
                    .as("each join task reads its own hash partition of every producer task")
                    .containsExactly("q/1/0/1/" + s.task(), "q/1/1/1/" + s.task(), "q/1/2/1/" + s.task());
        }
        assertThat(run).isNotDone();
        join.forEach(s -> s.succeed(1));
        SchedulerHarness.succeeded(run);
        assertThat(h.client.sent()).hasSize(7);
        assertThat(h.table.tasksDone()).isEqualTo(7);
        assertThat(h.scheduler.stagesDone()).isEqualTo(3);
    }

    @Test
    void aStageStartsWhenItsOwnInputsCompleteNotWhenTheWaveDoes() {
        SchedulerHarness h = new SchedulerHarness();
        h.pool.register("w1", 8);
        // stage 2 reads only stage 0; stage 3 reads 1 and 2
        CompletableFuture<Void> run = h.start(plan(single(0, 1), single(1, 2), single(2, 1, 0), single(3, 1, 1, 2)));
        h.client.awaitStage(0, 1).get(0).succeed(1);
        ScriptedWorkerClient.Sent mid = h.client.awaitStage(2, 1).get(0);
        assertThat(h.client.sent()).filteredOn(s -> s.stage() == 1).as("stage 1 is still running").hasSize(2);
        mid.succeed(1);
        h.client.awaitStage(1, 2).forEach(s -> s.succeed(1));
        ScriptedWorkerClient.Sent last = h.client.awaitStage(3, 1).get(0);
        assertThat(last.request.getInputs(0).getPartitionsList()).hasSize(2);
        last.succeed(1);
        SchedulerHarness.succeeded(run);
    }

    @Test
    void tasksGoToTheLeastLoadedWorkerPerSlotTiesInAddressOrder() {
        SchedulerHarness h = new SchedulerHarness();
        SimulatedWorker a = h.pool.register("a", 1);
        h.pool.register("b", 2);
        h.pool.register("c", 4);
        a.assigned().set(1); // another query's task: a is full
        CompletableFuture<Void> run = h.start(plan(single(0, 6)));

        List<ScriptedWorkerClient.Sent> sent = h.client.awaitStage(0, 6);
        assertThat(sent).extracting(s -> s.worker.address()).containsExactly("b", "c", "c", "b", "c", "c");
        assertThat(sent).extracting(s -> s.request.getWorkerAddress()).containsExactly("b", "c", "c", "b", "c", "c");
        sent.forEach(s -> s.succeed(1));
        SchedulerHarness.succeeded(run);
        assertThat(h.pool.live()).extracting(w -> w.assigned().get()).as("every slot given back").containsExactly(1, 0, 0);
    }

    @Test
    void aBroadcastInputIsTheSameForEveryReadingTask() {
        SchedulerHarness h = new SchedulerHarness();
        h.pool.register("w1", 8);
        CompletableFuture<Void> run = h.start(plan(single(0, 3), single(1, 4, 0)));
        h.client.awaitStage(0, 3).forEach(s -> s.succeed(1));
        List<ScriptedWorkerClient.Sent> readers = h.client.awaitStage(1, 4);
        for (ScriptedWorkerClient.Sent s : readers) {
            assertThat(s.request.getInputs(0).getPartitionsList()).extracting(PartitionLocation::getAddress)
                    .containsExactly("w1", "w1", "w1");
            assertThat(s.request.getInputs(0)).isEqualTo(readers.get(0).request.getInputs(0));
        }
        readers.forEach(s -> s.succeed(1));
        SchedulerHarness.succeeded(run);
    }
}
