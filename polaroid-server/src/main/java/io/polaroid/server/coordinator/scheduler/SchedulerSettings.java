package io.polaroid.server.coordinator.scheduler;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What the scheduler of one query is told: its id (for messages), how long to wait for a live
 * worker, how many attempts of one task may be lost before the query fails, when it times out
 * (counted from {@code startNanos}), and how to tell that its client went away (polled).
 */
public record SchedulerSettings(String queryId, Duration workerWait, int taskAttempts, long startNanos,
                                long timeoutMillis, BooleanSupplier clientGone) {
}
