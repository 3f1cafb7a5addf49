package io.polaroid.engine.session;

import io.polaroid.engine.exec.TaskContext;

/**
 * A handle on one run of a plan, held by whoever may need to stop it (a cancel request, a
 * timeout, a client that went away). Cancelling before the run starts makes it fail at once.
 */
public final class RunControl {
    private TaskContext context;
    private String cancelReason;

    synchronized void attach(TaskContext ctx) {
        context = ctx;
        if (cancelReason != null) {
            ctx.cancel(cancelReason);
        }
    }

    synchronized void detach() {
        context = null;
    }

    public synchronized void cancel(String reason) {
        if (cancelReason == null) {
            cancelReason = reason;
        }
        if (context != null) {
            context.cancel(reason);
        }
    }

    public synchronized boolean isCancelled() {
        return cancelReason != null;
    }
}
