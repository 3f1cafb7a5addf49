package io.polaroid.remote;

import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.util.function.Supplier;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Reads one partition over Flight and proves it arrived whole. The producer reported how many
 * rows it holds; a stream that ends with another count fails ({@link EndpointSize#verify}). A
 * stream that breaks (the connection was cut or reset) is opened again from the same partition,
 * skipping the batches already handed out, up to {@value #ATTEMPTS} times; only then does the
 * failure reach the caller. A partition is a fixed list of batches on its producer, so skipping
 * by count resumes exactly where the cut happened. A streamed partition is read once, so a
 * broken stream of one is not opened again: when its worker cannot be reached any more, the
 * reader fails with {@link EndpointLostException} (the query can run again).
 */
public final class EndpointReader implements AutoCloseable {
    private static final int ATTEMPTS = 3;
    private static final long BACKOFF_MILLIS = 100;

    private final String what;
    private final String address;
    private final long expectedRows;
    private boolean streamed;
    private Supplier<FlightStream> opener;
    private Supplier<FlightStream> whenUnreachable;
    private Runnable switched;
    private volatile FlightStream stream;
    private long batches;
    private long rows;
    private boolean ended;
    private volatile long waitingSinceNanos;
    private volatile String lostReason;
    private volatile Runnable onClose = () -> { };

    /**
     * {@code what} names the partition in messages; {@code address} is the producer's host:port;
     * {@code expectedRows} is the producer's count (negative: unknown); {@code opener} starts the
     * DoGet; {@code alreadyOpen}, when not null, is a stream the caller started ahead of time.
     */
    public EndpointReader(String what, String address, long expectedRows, Supplier<FlightStream> opener,
                          FlightStream alreadyOpen) {
        this.what = what;
        this.address = address;
        this.expectedRows = expectedRows;
        this.opener = opener;
        this.stream = alreadyOpen;
    }

    /** The next batch, moved into {@code target}; null at the end of a complete partition. */
    public Batch next(Schema schema, BufferAllocator target) {
        int failures = 0;
        while (true) {
            try {
                if (stream == null) {
                    stream = opener.get();
                    skipDelivered(schema, target);
                }
                Batch b = awaitNext(schema, target);
                if (switched != null && whenUnreachable == null) {
                    switched.run(); // the other way answered: say so once
                    switched = null;
                }
                if (b == null) {
                    ended = true;
                    EndpointSize.verify(what, expectedRows, rows);
                    return null;
                }
                batches++;
                rows += b.rowCount();
                return b;
            } catch (FlightRuntimeException e) {
                if (lostReason != null) {
                    throw new EndpointLostException(address, what + ": " + lostReason, e);
                }
                if (whenUnreachable != null && batches == 0 && unreachable(e)) {
                    abandon();
                    opener = whenUnreachable;
                    whenUnreachable = null;
                    continue;
                }
                if (streamed) {
                    if (unreachable(e) || broken(e)) {
                        throw new EndpointLostException(address, what + " was streamed from a worker that is gone or"
                                + " whose stream broke: " + e.getMessage(), e);
                    }
                    throw e;
                }
                if (!broken(e) || ++failures >= ATTEMPTS) {
                    throw e;
                }
                abandon();
                pause(failures);
            }
        }
    }

    private Batch awaitNext(Schema schema, BufferAllocator target) {
        waitingSinceNanos = System.nanoTime();
        try {
            return FlightFetcher.next(stream, schema, target, batches);
        } finally {
            waitingSinceNanos = 0;
        }
    }

    /** How long the reader has been waiting for the producer's next batch; 0 when it is not waiting. */
    public long waitingNanos() {
        long since = waitingSinceNanos;
        return since == 0 ? 0 : System.nanoTime() - since;
    }

    /** The producer's host:port. */
    public String address() {
        return address;
    }

    /**
     * Gives up on a producer that is known to be gone (its worker was declared dead while this
     * waited): the wait ends with an {@link EndpointLostException} instead of lasting until the
     * worker wakes up.
     */
    public void abandon(String reason) {
        lostReason = reason;
        cancel(reason);
    }

    private void skipDelivered(Schema schema, BufferAllocator target) {
        for (long i = 0; i < batches; i++) {
            Batch again = FlightFetcher.next(stream, schema, target, i);
            if (again == null) {
                EndpointSize.verify(what, expectedRows, 0);
                throw new IllegalStateException(what + " had fewer batches when read again");
            }
            again.close();
        }
    }

    /** Marks the partition as streamed while its task runs: read once, never resumed. Returns this reader. */
    public EndpointReader streamed() {
        this.streamed = true;
        return this;
    }

    /**
     * When the first open meets a producer that cannot be reached (UNAVAILABLE, timed out) before
     * any batch, opens with {@code instead} from then on (another way to the same partition), and
     * runs {@code switched} once that way has answered. Returns this reader.
     */
    public EndpointReader whenUnreachable(Supplier<FlightStream> instead, Runnable switched) {
        this.whenUnreachable = instead;
        this.switched = switched;
        return this;
    }

    private static boolean unreachable(FlightRuntimeException e) {
        FlightStatusCode code = e.status().code();
        return code == FlightStatusCode.UNAVAILABLE || code == FlightStatusCode.TIMED_OUT;
    }

    /** A failure of the transport, which a new stream of the same partition may not meet. */
    private static boolean broken(FlightRuntimeException e) {
        FlightStatusCode code = e.status().code();
        return code == FlightStatusCode.UNAVAILABLE || code == FlightStatusCode.INTERNAL || code == FlightStatusCode.UNKNOWN;
    }

    private void abandon() {
        FlightStream s = stream;
        stream = null;
        if (s != null) {
            try {
                s.close();
            } catch (Exception alreadyBroken) {
                // the stream failed; closing it frees what it buffered, or there is nothing left
            }
        }
    }

    private static void pause(int failures) {
        try {
            Thread.sleep(BACKOFF_MILLIS * failures * failures);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while re-opening a partition", e);
        }
    }

    /** Cancels the stream unless it was read to its end. */
    public void cancel(String why) {
        FlightStream s = stream;
        if (s != null && !ended) {
            try {
                s.cancel(why, null);
            } catch (RuntimeException alreadyDone) {
                // the stream ended on its own
            }
        }
    }

    /** Runs {@code action} when this reader closes (a watcher forgets it). */
    public void onClose(Runnable action) {
        onClose = action;
    }

    @Override
    public void close() {
        onClose.run();
        cancel("the reader needs no more rows");
        FlightStream s = stream;
        stream = null;
        if (s != null) {
            try {
                s.close();
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        }
    }
}
