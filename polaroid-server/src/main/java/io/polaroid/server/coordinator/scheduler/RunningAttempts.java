package io.polaroid.server.coordinator.scheduler;

/**
 * Where the attempts that run now are: a task may read the output of an input task while that
 * task makes it (a pipelined exchange), so its request names the running attempt's worker.
 */
public interface RunningAttempts {
    /** The worker running the task's current attempt; null when none runs. */
    Worker runningOn(int stage, int task);

    /** The number of the task's running attempt. */
    int runningAttempt(int stage, int task);
}
