package io.polaroid.server.common;

import java.util.concurrent.locks.LockSupport;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;

/** What both roles' {@code DoGet} share: sending no faster than the client reads. */
public final class FlightSending {
    private static final long READY_POLL_NANOS = 200_000;

    private FlightSending() {
    }

    /**
     * Waits until the client can take more (gRPC flow control), for as long as the client is there:
     * a slow reader is never cut, since a stream that ended early would look complete. A client
     * that went away cancels the call (a closed connection, or keepalive pings that go
     * unanswered), and only then does this give up. Polls: Arrow's callback strategy missed the
     * ready signal here, because the handler is set from the Flight executor after the call started.
     */
    public static boolean awaitReady(ServerStreamListener listener) {
        while (!listener.isReady()) {
            if (listener.isCancelled()) {
                return false;
            }
            LockSupport.parkNanos(READY_POLL_NANOS);
        }
        return !listener.isCancelled();
    }
}
