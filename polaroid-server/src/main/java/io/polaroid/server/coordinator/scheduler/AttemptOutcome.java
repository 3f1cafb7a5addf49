package io.polaroid.server.coordinator.scheduler;

import io.polaroid.proto.v1.RunTaskResponse;

/**
 * How one task attempt ended, in the scheduler's terms: the transport's statuses and trailers are
 * turned into these by the {@link WorkerClient}, so the scheduling logic never sees them.
 */
public sealed interface AttemptOutcome {
    /** The attempt made its output; the response says how big each partition is. */
    record Done(RunTaskResponse response) implements AttemptOutcome {
    }

    /** The query itself failed (bad data, a bug, a refused plan): retrying will not help. */
    record Failed(RuntimeException error) implements AttemptOutcome {
    }

    /** The worker running the attempt could not be reached: it is lost, and its outputs with it. */
    record WorkerUnreachable(String why) implements AttemptOutcome {
    }

    /** The attempt could not read its input from the worker at {@code address}. */
    record LostInputWorker(String address) implements AttemptOutcome {
    }

    /** An input partition was not whole on a live worker; {@code ticket} names it. */
    record LostPartition(String ticket) implements AttemptOutcome {
    }
}
