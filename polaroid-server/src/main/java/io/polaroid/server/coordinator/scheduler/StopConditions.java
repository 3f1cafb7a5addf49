package io.polaroid.server.coordinator.scheduler;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Why a query stops before its end: a cancel, a client that went away, or the timeout. The
 * scheduler checks them between events and before each task it sends; a cancel also wakes it.
 */
final class StopConditions {
    private final String queryId;
    private final BooleanSupplier clientGone;
    private final long startNanos;
    private final long deadlineNanos;
    private volatile String cancelReason;
    private volatile Runnable onCancel = () -> { };

    StopConditions(String queryId, BooleanSupplier clientGone, long startNanos, long timeoutMillis) {
        this.queryId = queryId;
        this.clientGone = clientGone;
        this.startNanos = startNanos;
        this.deadlineNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    /** Asks the query to stop; the first reason is the one reported. */
    void cancel(String reason) {
        if (cancelReason == null) {
            cancelReason = reason;
        }
        onCancel.run();
    }

    /** What to call when a cancel arrives (the scheduler's wake-up). */
    void onCancel(Runnable wake) {
        onCancel = wake;
    }

    /** Throws CANCELLED when the query must stop. */
    void check() {
        if (cancelReason != null) {
            throw new PolaroidException(ErrorCode.CANCELLED, "query " + queryId + " was cancelled: " + cancelReason);
        }
        if (clientGone.getAsBoolean()) {
            throw new PolaroidException(ErrorCode.CANCELLED, "query " + queryId + " was cancelled: the client went away");
        }
        if (System.nanoTime() > deadlineNanos) {
            throw new PolaroidException(ErrorCode.CANCELLED, "query " + queryId + " timed out after "
                    + TimeUnit.NANOSECONDS.toMillis(deadlineNanos - startNanos) + " ms");
        }
    }

    PolaroidException interrupted() {
        Thread.currentThread().interrupt();
        return new PolaroidException(ErrorCode.CANCELLED, "query " + queryId + " was interrupted");
    }
}
