package io.polaroid.server.coordinator.scheduler;

import java.util.List;
import java.util.function.Consumer;

/**
 * The workers a query may run on. The scheduler asks it for the live ones when it places tasks,
 * tells it which worker it found unreachable, and hears from it when a worker dies, so that it
 * reacts to a loss at once instead of polling every holder.
 */
public interface WorkerPool {
    /** The live registrations, in address order (ties in placement go to the first). */
    List<? extends Worker> live();

    /** The live registration at {@code address}, or null. */
    Worker byAddress(String address);

    /** Declares a registration dead (a task could not reach it); its listeners hear of it. */
    void lost(Worker worker, String why);

    /**
     * Calls {@code listener} with every registration that dies from now on, on the thread that
     * declared it dead; the returned action stops the calls.
     */
    Runnable onLoss(Consumer<Worker> listener);
}
