package io.polaroid.engine.session;

import io.polaroid.engine.exec.TaskContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A handle on one run of a plan, held by whoever may need to stop it (a cancel request, a
 * timeout, a client that went away). Cancelling before the run starts makes it fail at once.
 * Whatever can block a run outside the engine's own checks (a network read) registers an action
 * with {@link #onCancel}, so that a cancel reaches it too.
 */
public final class RunControl {
    private TaskContext context;
    private String cancelReason;
    private final List<Runnable> onCancel = new ArrayList<>();

    synchronized void attach(TaskContext ctx) {
        context = ctx;
        if (cancelReason != null) {
            ctx.cancel(cancelReason);
        }
    }

    synchronized void detach() {
        context = null;
    }

    public void cancel(String reason) {
        List<Runnable> actions;
        synchronized (this) {
            if (cancelReason != null) {
                return;
            }
            cancelReason = reason;
            if (context != null) {
                context.cancel(reason);
            }
            actions = new ArrayList<>(onCancel);
            onCancel.clear();
        }
        actions.forEach(Runnable::run);
    }

    /** Runs {@code action} when the run is cancelled (at once if it already is). */
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (cancelReason == null) {
                onCancel.add(action);
                return;
            }
        }
        action.run();
    }

    public synchronized boolean isCancelled() {
        return cancelReason != null;
    }
}
