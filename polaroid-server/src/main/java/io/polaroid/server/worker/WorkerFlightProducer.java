package io.polaroid.server.worker;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.engine.vector.Batch;
import io.polaroid.remote.RemoteErrors;
import io.polaroid.server.common.FlightSending;
import io.polaroid.server.common.PolaroidMetrics;
import io.polaroid.server.common.Tickets;
import io.polaroid.server.security.Caller;
import io.polaroid.server.security.TicketSigner;
import java.util.ArrayList;
import org.apache.arrow.flight.NoOpFlightProducer;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A worker's Arrow Flight: {@code DoGet} streams a held partition (a query's result to its
 * client or to the coordinator's relay, a shuffle partition to another worker) without copying
 * its buffers, and one still being made as its task makes it. Everything else is the
 * coordinator's: a worker answers it as not implemented.
 */
public final class WorkerFlightProducer extends NoOpFlightProducer {
    private final PartitionStore store;
    private final BufferAllocator allocator;
    private final PolaroidMetrics metrics;
    private final TicketSigner tickets;

    /** {@code tickets} checks that a ticket is signed, unexpired and presented with the credential it is bound to. */
    public WorkerFlightProducer(PartitionStore store, BufferAllocator allocator, PolaroidMetrics metrics, TicketSigner tickets) {
        this.store = store;
        this.allocator = allocator;
        this.metrics = metrics;
        this.tickets = tickets;
    }

    @Override
    public org.apache.arrow.flight.FlightInfo getFlightInfo(CallContext context, org.apache.arrow.flight.FlightDescriptor descriptor) {
        throw RemoteErrors.toFlight(PolaroidException.notSupported("this is a worker: send plans to the coordinator"));
    }

    @Override
    public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
        PartitionStore.Held held;
        Tickets partition;
        try {
            partition = tickets.redeem(ticket.getBytes(), Caller.current());
            LivePartition live = store.claimLive(partition, PartitionStore.ARRIVAL_WAIT_MILLIS);
            if (live != null) {
                streamLive(partition, live, listener);
                return;
            }
            held = store.lease(partition);
        } catch (RuntimeException e) {
            listener.error(RemoteErrors.toFlight(e));
            return;
        }
        boolean complete = false;
        Schema schema = ArrowTypes.toArrow(held.schema());
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
             PartitionStore.Held.Cursor cursor = held.cursor()) {
            listener.start(root);
            VectorLoader loader = new VectorLoader(root);
            boolean sentAll = false;
            while (FlightSending.awaitReady(listener)) {
                Batch b = cursor.next(listener::isCancelled); // a partition still growing is sent as it grows
                if (b == null) {
                    sentAll = held.complete();
                    break;
                }
                send(b, schema, loader, listener);
            }
            // Only a stream that sent every batch ends normally: anything else must look broken.
            if (sentAll && !listener.isCancelled()) {
                listener.completed();
                complete = true;
            }
        } catch (RuntimeException e) {
            listener.error(RemoteErrors.toFlight(e));
        } finally {
            held.done(complete);
        }
    }

    /** Loads {@code b} into the stream's root and sends it; {@code b} stays its owner's. */
    private void send(Batch b, Schema schema, VectorLoader loader, ServerStreamListener listener) {
        // A view of the batch's vectors; never closed, since closing a root closes its vectors,
        // and another task may read the same partition (a broadcast).
        VectorSchemaRoot view = new VectorSchemaRoot(schema.getFields(), new ArrayList<>(b.columns()), b.rowCount());
        try (ArrowRecordBatch record = new VectorUnloader(view).getRecordBatch()) {
            loader.load(record);
        }
        listener.putNext();
        metrics.flightBytesSent(b.bytes());
    }

    /**
     * Streams a result partition while its task makes it: each batch as it arrives, as fast as
     * the client takes them. A stream the client left early drops the rest, and the task stops.
     */
    private void streamLive(Tickets partition, LivePartition live, ServerStreamListener listener) {
        String notComplete = "the reader went away";
        Schema schema = ArrowTypes.toArrow(live.schema());
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            listener.start(root);
            VectorLoader loader = new VectorLoader(root);
            while (FlightSending.awaitReady(listener)) {
                Batch b = live.take(listener::isCancelled);
                if (b == null) {
                    break;
                }
                try (b) {
                    send(b, schema, loader, listener);
                }
            }
            if (!listener.isCancelled()) {
                if (live.drained()) {
                    listener.completed();
                    notComplete = null;
                } else {
                    listener.error(RemoteErrors.toFlight(new PolaroidException(ErrorCode.CANCELLED, "result partition "
                            + partition + " was dropped before it was read whole: its query stopped on the cluster"
                            + " (its status, GetQuery, says why)")));
                }
            }
        } catch (RuntimeException e) {
            notComplete = "its stream failed: " + e.getMessage();
            listener.error(RemoteErrors.toFlight(e));
        } finally {
            store.liveRead(partition, live, notComplete);
        }
    }
}
