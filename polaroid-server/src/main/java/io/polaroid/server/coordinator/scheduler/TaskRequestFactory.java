package io.polaroid.server.coordinator.scheduler;

import io.polaroid.engine.distributed.Stage;
import io.polaroid.proto.v1.RunTaskRequest;

/**
 * Makes the request of one task attempt ({@link TaskRequests} in a cluster). An interface so the
 * simulation can account for the cost of requests apart from the cost of scheduling.
 */
@FunctionalInterface
public interface TaskRequestFactory {
    RunTaskRequest build(Stage stage, int task, int attempt, Worker worker);

    /** Where the attempts running now are, for a task that reads an input while it is made; told once, at the start. */
    default void readWhileRunning(RunningAttempts running) {
    }
}
