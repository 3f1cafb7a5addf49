package io.polaroid.server.coordinator.scheduler;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One registration (epoch) of a worker, as the scheduler sees it: where it is, how many tasks it
 * takes, whether it still lives. Once dead it stays dead; a worker that comes back is a new
 * {@code Worker}. The scheduler compares registrations by identity, so an output made by an old
 * registration is never taken for one of the new.
 */
public interface Worker {
    String address();

    long epoch();

    int slots();

    boolean isAlive();

    /** Tasks the coordinator has sent and not yet seen finish, over all queries: its load. */
    AtomicInteger assigned();
}
