package io.polaroid.server.coordinator.scheduler;

import io.polaroid.proto.v1.RunTaskRequest;
import java.util.function.Consumer;

/**
 * What the scheduler asks of workers. Behind it is gRPC in a cluster and a simulation in tests;
 * the scheduler only sees {@link AttemptOutcome}s.
 */
public interface WorkerClient {
    /**
     * Starts a task attempt on {@code worker}; {@code whenDone} is called once with its outcome, on
     * any thread, unless the attempt is cancelled first. Returns what cancels it: the worker stops
     * the task and frees what it made.
     */
    Runnable runTask(Worker worker, RunTaskRequest request, Consumer<AttemptOutcome> whenDone);

    /** Tells {@code worker} to stop everything of the query and free its memory (best effort). */
    void cancelQuery(Worker worker, String queryId);

    /** Tells {@code worker} the query succeeded: it frees the shuffles and keeps the results (best effort). */
    void releaseQuery(Worker worker, String queryId);
}
