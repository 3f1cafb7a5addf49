package io.polaroid.server.coordinator.scheduler;

/**
 * What wakes the scheduling thread: an attempt ended, a worker died, or a cancel arrived. They
 * come from client callbacks and the worker pool on other threads, through one queue, so the
 * scheduler's state is only ever touched by its own thread.
 */
sealed interface SchedulerEvent {
    record AttemptEnded(int stage, int task, int attempt, Worker worker, AttemptOutcome outcome)
            implements SchedulerEvent {
    }

    record WorkerLost(Worker worker) implements SchedulerEvent {
    }

    /** Nothing happened but a stop condition may hold: look. */
    record Wake() implements SchedulerEvent {
    }
}
