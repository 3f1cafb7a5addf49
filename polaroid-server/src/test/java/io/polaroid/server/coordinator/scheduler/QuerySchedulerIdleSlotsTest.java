package io.polaroid.server.coordinator.scheduler;

import static io.polaroid.server.coordinator.scheduler.TestPlans.hashed;
import static io.polaroid.server.coordinator.scheduler.TestPlans.plan;
import static io.polaroid.server.coordinator.scheduler.TestPlans.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A stage of fewer tasks than the cluster has idle slots is lent their cores: each task is told
 * how many slots' worth it may use ({@code cpu_slots}), its own and its share of the idle ones.
 */
class QuerySchedulerIdleSlotsTest {

    private static SchedulerHarness twoWorkersOfOneSlot(boolean lend) {
        SchedulerHarness h = new SchedulerHarness().pipeline(true).lendIdleSlots(lend);
        h.pool.register("a", 1);
        h.pool.register("b", 1);
        return h;
    }

    @ParameterizedTest(name = "lend: {0}")
    @ValueSource(booleans = {true, false})
    void aOneTaskQueryIsLentTheIdleSlotUnlessTurnedOff(boolean lend) {
        SchedulerHarness h = twoWorkersOfOneSlot(lend);
        CompletableFuture<Void> run = h.start(plan(single(0, 1)));
        ScriptedWorkerClient.Sent only = h.client.awaitStage(0, 1).get(0);
        assertThat(only.request.getCpuSlots()).isEqualTo(lend ? 2 : 0);
        only.succeed(1);
        SchedulerHarness.succeeded(run);
    }

    @Test
    void aStageWithATaskPerSlotAndTheStagesStartedBesideItUseOneSlotEach() {
        SchedulerHarness h = twoWorkersOfOneSlot(true);
        // the consumer starts with its producers (pipelined), when no slot is idle any more
        CompletableFuture<Void> run = h.start(plan(hashed(0, 2, 2), single(1, 1, 0)));
        var producers = h.client.awaitStage(0, 2);
        var consumer = h.client.awaitStage(1, 1).get(0);
        assertThat(producers).allMatch(s -> s.request.getCpuSlots() == 0);
        assertThat(consumer.request.getCpuSlots()).isEqualTo(0);
        producers.forEach(s -> s.succeed(2));
        consumer.succeed(1);
        SchedulerHarness.succeeded(run);
    }

    @Test
    void aStageStartedOnceItsInputsEndedIsLentTheSlotsTheyFreed() {
        SchedulerHarness h = new SchedulerHarness().lendIdleSlots(true);
        h.pool.register("a", 2);
        h.pool.register("b", 2);
        CompletableFuture<Void> run = h.start(plan(single(0, 2), single(1, 1, 0)));
        var producers = h.client.awaitStage(0, 2);
        assertThat(producers).as("four idle slots for two tasks").allMatch(s -> s.request.getCpuSlots() == 2);
        producers.forEach(s -> s.succeed(1));
        var consumer = h.client.awaitStage(1, 1).get(0);
        assertThat(consumer.request.getCpuSlots()).as("every slot is idle once the producers ended").isEqualTo(4);
        consumer.succeed(1);
        SchedulerHarness.succeeded(run);
    }
}
