package io.polaroid.server.coordinator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.serde.fragment.TaskFragments;
import io.polaroid.proto.v1.PartitionLocation;
import io.polaroid.proto.v1.RunTaskResponse;
import io.polaroid.proto.v1.StageInput;
import io.polaroid.server.common.Tickets;
import io.polaroid.server.security.TicketSigner;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a task's request says about its inputs, and what is built again when a reader runs again. */
class TaskRequestsTest {
    private final SimulatedPool pool = new SimulatedPool();
    private final Worker a = pool.register("a:1", 4);
    private final Worker b = pool.register("b:1", 4);
    // scan (3 tasks) -> hash into 2 -> aggregate (2 tasks) -> gather -> join with another scan (2 tasks) -> gather -> root
    private final DistributedPlan plan = TestPlans.plan(TestPlans.hashed(0, 3, 2), TestPlans.single(1, 2, 0),
            TestPlans.single(2, 2, 1), TestPlans.single(3, 1, 2));
    private final TaskTable table = new TaskTable(plan);
    private final TaskRequests requests = new TaskRequests("q", new TaskFragments(plan), plan, new TicketSigner(null),
            Instant.now().plusSeconds(60), table);

    private void done(int stage, int task, Worker w) {
        int attempt = table.nextAttempt(stage, task);
        RunTaskResponse.Builder r = RunTaskResponse.newBuilder();
        for (int p = 0; p < plan.stage(stage).partitions(); p++) {
            r.addPartitionRows(10 * (task + 1)).addPartitionBytes(80);
        }
        table.record(stage, task, w, attempt, r.build());
    }

    private List<PartitionLocation> inputOf(int stage, int task) {
        int attempt = table.nextAttempt(stage, task);
        StageInput in = requests.build(plan.stage(stage), task, attempt, a).getInputs(0);
        return in.getPartitionsList();
    }

    /** Runs stages 0 and 1 on worker a; returns the input locations of task 0 of stage 1. */
    private List<PartitionLocation> runTheFirstTwoStages() {
        for (int t = 0; t < 3; t++) {
            done(0, t, a);
        }
        List<PartitionLocation> first = inputOf(1, 0);
        done(1, 0, a);
        inputOf(1, 1);
        done(1, 1, a);
        return first;
    }

    @Test
    void aHashReaderGetsItsPartitionOfEveryProducerTask() {
        for (int t = 0; t < 3; t++) {
            done(0, t, t == 1 ? b : a);
        }
        List<PartitionLocation> in = inputOf(1, 1);
        assertThat(in).hasSize(3);
        for (int t = 0; t < 3; t++) {
            Tickets ticket = Tickets.decode(in.get(t).getTicket().toByteArray());
            assertThat(ticket).isEqualTo(new Tickets("q", 0, t, 1, 1));
            assertThat(in.get(t).getAddress()).isEqualTo(t == 1 ? "b:1" : "a:1");
            assertThat(in.get(t).getRows()).isEqualTo(10L * (t + 1));
        }
    }

    @Test
    void aReaderRunAgainWhileItsReadersRunBuildsOnlyWhatChanged() {
        List<PartitionLocation> first = runTheFirstTwoStages();
        requests.build(plan.stage(2), 0, table.nextAttempt(2, 0), b); // stage 1 is complete, its reader runs

        table.forget(1, 0); // lost with its worker: stage 2 needs it again ...
        table.forget(0, 2); // ... and it needs stage 0, which lost a task too
        done(0, 2, b);
        List<PartitionLocation> again = inputOf(1, 0);

        assertThat(again.get(0)).isSameAs(first.get(0));
        assertThat(again.get(1)).isSameAs(first.get(1));
        assertThat(again.get(2)).isNotSameAs(first.get(2));
        assertThat(Tickets.decode(again.get(2).getTicket().toByteArray())).isEqualTo(new Tickets("q", 0, 2, 2, 0));
        assertThat(again.get(2).getAddress()).isEqualTo("b:1");
    }

    @Test
    void locationsNoStageCanReadAgainAreDropped() {
        List<PartitionLocation> first = runTheFirstTwoStages();
        done(2, 0, b);
        done(2, 1, b);
        requests.build(plan.stage(3), 0, table.nextAttempt(3, 0), a); // stage 1's readers are complete too

        table.forget(1, 0);
        assertThat(inputOf(1, 0).get(0)).isNotSameAs(first.get(0)).isEqualTo(first.get(0));
    }
}
