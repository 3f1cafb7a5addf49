package io.polaroid.server.common;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.Batch;
import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.remote.Transport;
import io.polaroid.remote.RemoteErrors;
import io.polaroid.server.coordinator.QueryExecution;
import io.polaroid.server.coordinator.QueryManager;
import io.polaroid.server.security.Caller;
import io.polaroid.server.security.TicketSigner;
import io.polaroid.server.worker.PartitionStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.ActionType;
import org.apache.arrow.flight.Criteria;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.NoOpFlightProducer;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Arrow Flight for both roles. On a coordinator, {@code GetFlightInfo} with a plan command runs
 * the query and returns endpoints on the workers that hold the result, {@code GetSchema}
 * analyzes it, and the action {@code cancel} (body: the query id) stops one. On a worker,
 * {@code DoGet} streams a held partition, without copying its buffers.
 */
public final class PolaroidFlightProducer extends NoOpFlightProducer {
    public static final ActionType CANCEL = new ActionType("cancel", "Cancel a running query; body: its query id (UTF-8)");
    public static final ActionType EXPLAIN = new ActionType("explain",
            "The logical, optimized and distributed plans as text, without running; body: a plan (binary or JSON)");
    private static final long READY_POLL_NANOS = 200_000;

    private final QueryManager queries;
    private final PartitionStore store;
    private final BufferAllocator allocator;
    private final PolaroidMetrics metrics;

    private final TicketSigner tickets;
    private final Transport transport;

    /**
     * {@code queries} is null on a worker, {@code store} on a coordinator; {@code tickets} checks
     * that a ticket is signed, unexpired and presented with the credential it is bound to.
     */
    public PolaroidFlightProducer(QueryManager queries, PartitionStore store, BufferAllocator allocator, PolaroidMetrics metrics,
                                  TicketSigner tickets, Transport transport) {
        this.tickets = tickets;
        this.transport = transport;
        this.queries = queries;
        this.store = store;
        this.allocator = allocator;
        this.metrics = metrics;
    }

    private QueryManager coordinator() {
        if (queries == null) {
            throw PolaroidException.notSupported("this is a worker: send plans to the coordinator");
        }
        return queries;
    }

    @Override
    public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
        if (store == null) {
            listener.error(RemoteErrors.toFlight(PolaroidException.notSupported(
                    "this is a coordinator: fetch each endpoint from the worker its location names")));
            return;
        }
        PartitionStore.Held held;
        try {
            held = store.lease(tickets.redeem(ticket.getBytes(), Caller.current()));
        } catch (RuntimeException e) {
            listener.error(RemoteErrors.toFlight(e));
            return;
        }
        boolean complete = false;
        Schema schema = ArrowTypes.toArrow(held.schema());
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            listener.start(root);
            VectorLoader loader = new VectorLoader(root);
            boolean sentAll = true;
            for (Batch b : held.batches()) {
                if (!awaitReady(listener)) {
                    sentAll = false;
                    break;
                }
                // A view of the held vectors; never closed, since closing a root closes its vectors,
                // and another task may read the same partition (a broadcast).
                VectorSchemaRoot view = new VectorSchemaRoot(schema.getFields(), new ArrayList<>(b.columns()), b.rowCount());
                try (ArrowRecordBatch record = new VectorUnloader(view).getRecordBatch()) {
                    loader.load(record);
                }
                listener.putNext();
                metrics.flightBytesSent(b.bytes());
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

    /**
     * Waits until the client can take more (gRPC flow control), for as long as the client is there:
     * a slow reader is never cut, since a stream that ended early would look complete. A client
     * that went away cancels the call (a closed connection, or keepalive pings that go
     * unanswered), and only then does this give up. Polls: Arrow's callback strategy missed the
     * ready signal here, because the handler is set from the Flight executor after the call started.
     */
    private static boolean awaitReady(ServerStreamListener listener) {
        while (!listener.isReady()) {
            if (listener.isCancelled()) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(READY_POLL_NANOS);
        }
        return !listener.isCancelled();
    }

    @Override
    public FlightInfo getFlightInfo(CallContext context, FlightDescriptor descriptor) {
        try {
            QueryExecution q = coordinator().execute(command(descriptor), null, 0, context::isCancelled, Caller.current());
            return QueryFlightInfo.of(q, descriptor, transport);
        } catch (RuntimeException e) {
            throw RemoteErrors.toFlight(e);
        }
    }

    @Override
    public SchemaResult getSchema(CallContext context, FlightDescriptor descriptor) {
        try {
            return new SchemaResult(coordinator().schema(command(descriptor)));
        } catch (RuntimeException e) {
            throw RemoteErrors.toFlight(e);
        }
    }

    /** The plan a descriptor asks for: a command is a plan; a path names a table of the catalog. */
    private io.polaroid.proto.v1.Plan command(FlightDescriptor descriptor) {
        if (!descriptor.isCommand()) {
            List<String> path = descriptor.getPath();
            if (path.size() != 1) {
                throw PolaroidException.invalidPlan("a path descriptor names one table of the catalog, not " + path
                        + "; the tables are " + coordinator().catalog().names());
            }
            return coordinator().catalog().tablePlan(path.get(0));
        }
        return QueryManager.parseCommand(descriptor.getCommand());
    }

    /** The catalog's tables, each with its schema; fetch one with {@code GetFlightInfo} on its path. */
    @Override
    public void listFlights(CallContext context, Criteria criteria, StreamListener<FlightInfo> listener) {
        try {
            QueryManager coordinator = coordinator();
            for (String name : coordinator.catalog().names()) {
                listener.onNext(new FlightInfo(coordinator.schema(coordinator.catalog().tablePlan(name)),
                        FlightDescriptor.path(name), List.of(), -1, -1));
            }
            listener.onCompleted();
        } catch (RuntimeException e) {
            listener.onError(RemoteErrors.toFlight(e));
        }
    }

    @Override
    public void doAction(CallContext context, Action action, StreamListener<Result> listener) {
        try {
            String answer;
            if (action.getType().equals(CANCEL.getType())) {
                String id = new String(action.getBody(), StandardCharsets.UTF_8).trim();
                answer = (coordinator().cancel(id, Caller.current()) ? "cancelled " : "not running: ").concat(id);
            } else if (action.getType().equals(EXPLAIN.getType())) {
                QueryManager coordinator = coordinator();
                answer = coordinator.analyze(QueryManager.parseCommand(action.getBody())).getExplain();
            } else {
                throw PolaroidException.notSupported("action '" + action.getType() + "': the actions are "
                        + List.of(CANCEL.getType(), EXPLAIN.getType()));
            }
            listener.onNext(new Result(answer.getBytes(StandardCharsets.UTF_8)));
            listener.onCompleted();
        } catch (RuntimeException e) {
            listener.onError(RemoteErrors.toFlight(e));
        }
    }

    @Override
    public void listActions(CallContext context, StreamListener<ActionType> listener) {
        if (queries != null) {
            listener.onNext(CANCEL);
            listener.onNext(EXPLAIN);
        }
        listener.onCompleted();
    }

}
