package io.polaroid.server.coordinator.scheduler;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What the scheduler of one query is told: its id (for messages), how long to wait for a live
 * worker, how many attempts of one task may be lost before the query fails, when it times out
 * (counted from {@code startNanos}), how to tell that its client went away (polled), and whether
 * a stage starts while the stages it reads still run ({@code pipeline}) or once they are complete,
 * and whether a stage of fewer tasks than idle slots may use their cores ({@code lendIdleSlots},
 * {@link IdleSlots}).
 */
public record SchedulerSettings(String queryId, Duration workerWait, int taskAttempts, long startNanos,
                                long timeoutMillis, BooleanSupplier clientGone, boolean pipeline,
                                boolean lendIdleSlots) {
}
