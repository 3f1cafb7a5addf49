package io.polaroid.server.coordinator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The coordinator's own cost for a large query stays within its budget: at most 2 s of
 * scheduling CPU and 2 KB of heap per queued task, lost work included. {@code make test} runs
 * 10,000 tasks over 100 workers; {@code -Dpolaroid.sim.full=true} (or {@code make sim}) runs
 * 100,000 over 1,000.
 */
class SchedulerSimulationTest {

    @Test
    void schedulingCpuAndMemoryPerTaskStayWithinBudget() throws Exception {
        SchedulerSimulation.Size size = Boolean.getBoolean("polaroid.sim.full")
                ? SchedulerSimulation.Size.FULL : SchedulerSimulation.Size.BOUNDED;
        SchedulerSimulation.Result r = SchedulerSimulation.run(size);
        System.out.println(r);

        assertThat(r.attempts()).isGreaterThan(size.tasks());
        assertThat(r.retried()).isEqualTo(r.attempts() - size.tasks());
        assertThat(r.workersLost()).isPositive();
        assertThat(r.partitionsLost()).isPositive();
        assertThat(r.queuedTasks()).isEqualTo(size.wideTasks());
        assertThat(r.schedulingCpuNanos()).as("scheduling CPU, ns").isLessThanOrEqualTo(2_000_000_000L);
        assertThat(r.heapBytesPerQueuedTask()).as("heap per queued task, bytes").isLessThanOrEqualTo(2048);
        assertThat(r.stateBytesPerTask()).as("state arrays per task, bytes").isLessThanOrEqualTo(2048);
    }
}
