package io.polaroid.server.coordinator;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.remote.FlightFetcher;
import io.polaroid.remote.RelayTicket;
import io.polaroid.remote.RemoteErrors;
import io.polaroid.server.common.FlightSending;
import io.polaroid.server.common.PolaroidMetrics;
import io.polaroid.server.common.Tickets;
import io.polaroid.server.config.ResultsProperties;
import io.polaroid.server.security.Caller;
import io.polaroid.server.security.TicketSigner;
import java.time.Duration;
import java.time.Instant;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The coordinator's side of {@link RelayTicket}s: a client that reaches only the coordinator
 * reads a result partition through it. The coordinator checks what the worker would (the ticket
 * is the caller's own, unexpired and unaltered), then reads the partition from its worker as the
 * cluster (a fresh ticket bound to the internal credential) and passes each batch on as it
 * arrives, without a copy: the batch the worker's stream loaded is the batch sent. Memory stays
 * bounded: a batch is sent only when the client can take it, and meanwhile the worker's stream
 * waits under gRPC flow control. Only a worker of the cluster is read from, so a ticket cannot
 * point the coordinator elsewhere.
 */
public final class ResultRelay {
    /** How long the coordinator's own ticket lasts: it is redeemed at once. */
    private static final Duration INTERNAL_TICKET_TTL = Duration.ofMinutes(5);

    private final ResultsProperties.Relay mode;
    private final WorkerRegistry workers;
    private final TicketSigner tickets;
    private final FlightFetcher clients;
    private final PolaroidMetrics metrics;

    /** {@code clients}: Flight clients to the workers that present the internal credential. */
    public ResultRelay(ResultsProperties.Relay mode, WorkerRegistry workers, TicketSigner tickets, FlightFetcher clients,
                       PolaroidMetrics metrics) {
        this.mode = mode;
        this.workers = workers;
        this.tickets = tickets;
        this.clients = clients;
        this.metrics = metrics;
    }

    /** Streams the partition {@code ticket} (a {@link RelayTicket}) names to {@code listener}. */
    public void relay(byte[] ticket, ServerStreamListener listener) {
        String worker = null;
        FlightStream in = null;
        try {
            if (mode == ResultsProperties.Relay.NEVER) {
                throw PolaroidException.notSupported("this cluster relays no results (polaroid.results.relay=never):"
                        + " read each endpoint from the worker its location names");
            }
            RelayTicket relayed = RelayTicket.decode(ticket);
            worker = relayed.workerAddress();
            in = open(worker, relayed.directTicket(), Caller.current());
            stream(in, listener);
        } catch (FlightRuntimeException e) {
            listener.error(RemoteErrors.toFlight(fromWorker(worker, e)));
        } catch (IllegalArgumentException e) {
            listener.error(RemoteErrors.toFlight(PolaroidException.invalidPlan(e.getMessage())));
        } catch (RuntimeException e) {
            listener.error(RemoteErrors.toFlight(e));
        } finally {
            close(in);
        }
    }

    /**
     * The partition a client's {@code ticket} names, read from the worker at {@code worker} as the
     * cluster, after the checks the worker would make: the ticket is {@code caller}'s own,
     * unexpired and unaltered, and the worker is one of the cluster's.
     */
    public FlightStream open(String worker, byte[] ticket, Caller caller) {
        Tickets partition = tickets.redeem(ticket, caller);
        if (workers.byAddress(worker) == null) {
            throw new PolaroidException(ErrorCode.IO_ERROR, "the worker at " + worker + " that held this result is no"
                    + " longer part of the cluster: run the query again");
        }
        byte[] asCluster = tickets.sign(partition, tickets.internalCredential(), Instant.now().plus(INTERNAL_TICKET_TTL));
        return clients.client(clients.transport().location(worker)).getStream(new Ticket(asCluster));
    }

    /** What the worker at {@code worker} said when a read of its partition failed, as the API reports it. */
    public static PolaroidException failure(String worker, RuntimeException e) {
        return e instanceof FlightRuntimeException f ? fromWorker(worker, f) : PolaroidException.wrap(e);
    }

    private void stream(FlightStream in, ServerStreamListener listener) {
        VectorSchemaRoot root = in.getRoot();
        // Each batch goes out in the buffers it arrived in, held until gRPC has written them:
        // they belong to the long-lived client allocator, and the stream loads new ones per batch.
        listener.setUseZeroCopy(true);
        listener.start(root);
        while (in.next()) {
            if (!FlightSending.awaitReady(listener)) {
                in.cancel("the client of the relay went away", null);
                return;
            }
            listener.putNext();
            metrics.flightBytesSent(bytes(root));
        }
        if (!listener.isCancelled()) {
            listener.completed();
        }
    }

    private static long bytes(VectorSchemaRoot root) {
        long n = 0;
        for (var v : root.getFieldVectors()) {
            n += v.getBufferSize();
        }
        return n;
    }

    /** The worker's refusal as it is; a broken stream as the loss of that worker. */
    private static PolaroidException fromWorker(String worker, FlightRuntimeException e) {
        FlightStatusCode code = e.status().code();
        if (code == FlightStatusCode.UNAVAILABLE || code == FlightStatusCode.INTERNAL || code == FlightStatusCode.UNKNOWN
                || code == FlightStatusCode.TIMED_OUT || code == FlightStatusCode.CANCELLED) {
            return new PolaroidException(ErrorCode.IO_ERROR, "lost the worker at " + worker + " while the coordinator relayed"
                    + " its result partition: " + e.getMessage() + "; run the query again", e);
        }
        return RemoteErrors.fromFlight(e);
    }

    private static void close(FlightStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (Exception alreadyBroken) {
                // a failed stream holds nothing more
            }
        }
    }
}
