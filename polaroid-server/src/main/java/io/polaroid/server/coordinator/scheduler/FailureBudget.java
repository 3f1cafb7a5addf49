package io.polaroid.server.coordinator.scheduler;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;

/**
 * Counts the attempts of each task lost to a worker or a partition going away; a task that lost
 * {@code taskAttempts} fails the query, so a cluster that keeps losing workers ends the query with
 * a clear error instead of running it forever.
 */
final class FailureBudget {
    private final String queryId;
    private final TaskTable table;
    private final int taskAttempts;

    FailureBudget(String queryId, TaskTable table, int taskAttempts) {
        this.queryId = queryId;
        this.table = table;
        this.taskAttempts = taskAttempts;
    }

    void count(int stage, int task) {
        if (table.countFailure(stage, task) >= taskAttempts) {
            throw new PolaroidException(ErrorCode.IO_ERROR, "query " + queryId + ": task " + task + " of stage " + stage
                    + " failed " + taskAttempts + " times as workers were lost");
        }
    }
}
