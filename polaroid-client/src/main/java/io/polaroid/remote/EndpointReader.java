package io.polaroid.remote;

import io.polaroid.engine.exec.Batch;
import io.polaroid.engine.types.Schema;
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
 * by count resumes exactly where the cut happened.
 */
public final class EndpointReader implements AutoCloseable {
    private static final int ATTEMPTS = 3;
    private static final long BACKOFF_MILLIS = 100;

    private final String what;
    private final long expectedRows;
    private final Supplier<FlightStream> opener;
    private volatile FlightStream stream;
    private long batches;
    private long rows;
    private boolean ended;

    /**
     * {@code what} names the partition in messages; {@code expectedRows} is the producer's count
     * (negative: unknown); {@code opener} starts the DoGet; {@code alreadyOpen}, when not null, is a
     * stream the caller started ahead of time.
     */
    public EndpointReader(String what, long expectedRows, Supplier<FlightStream> opener, FlightStream alreadyOpen) {
        this.what = what;
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
                Batch b = FlightFetcher.next(stream, schema, target, batches);
                if (b == null) {
                    ended = true;
                    EndpointSize.verify(what, expectedRows, rows);
                    return null;
                }
                batches++;
                rows += b.rowCount();
                return b;
            } catch (FlightRuntimeException e) {
                if (!broken(e) || ++failures >= ATTEMPTS) {
                    throw e;
                }
                abandon();
                pause(failures);
            }
        }
    }

    /** Rows handed out so far. */
    public long rows() {
        return rows;
    }

    public boolean ended() {
        return ended;
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

    @Override
    public void close() {
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
