package io.polaroid.server.coordinator;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.remote.RelayTicket;
import io.polaroid.remote.RemoteErrors;
import io.polaroid.server.common.QueryFlightInfo;
import io.polaroid.server.common.ResultLocations;
import io.polaroid.server.security.Caller;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.ActionType;
import org.apache.arrow.flight.Criteria;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightProducer;
import org.apache.arrow.flight.NoOpFlightProducer;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;

/**
 * The coordinator's Arrow Flight (Flight SQL is routed around it). {@code GetFlightInfo} with a
 * plan command runs the query and returns its endpoints ({@link ResultLocations}: on the workers,
 * or relayed); {@code GetSchema} analyzes it; {@code ListFlights} lists the catalog; the actions
 * {@code cancel} (body: the query id) and {@code explain}. {@code DoGet} relays a result partition
 * ({@link ResultRelay}); in a standalone process, it also serves the partitions of the worker
 * inside it.
 */
public final class CoordinatorFlightProducer extends NoOpFlightProducer {
    public static final ActionType CANCEL = new ActionType("cancel", "Cancel a running query; body: its query id (UTF-8)");
    public static final ActionType STATUS = new ActionType("status",
            "A query's state and progress as JSON (polaroid.v1.QueryStatus); body: its query id (UTF-8)");
    public static final ActionType EXPLAIN = new ActionType("explain",
            "The logical, optimized and distributed plans as text, without running; body: a plan (binary or JSON)");

    private final QueryManager queries;
    private final ResultLocations locations;
    private final ResultRelay relay;
    private final FlightProducer localWorker;

    /** {@code localWorker}: the Flight of the worker in this process (standalone), or null. */
    public CoordinatorFlightProducer(QueryManager queries, ResultLocations locations, ResultRelay relay,
                                     FlightProducer localWorker) {
        this.queries = queries;
        this.locations = locations;
        this.relay = relay;
        this.localWorker = localWorker;
    }

    @Override
    public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
        if (RelayTicket.is(ticket.getBytes())) {
            relay.relay(ticket.getBytes(), listener);
        } else if (localWorker != null) {
            localWorker.getStream(context, ticket, listener);
        } else {
            listener.error(RemoteErrors.toFlight(PolaroidException.notSupported("this is a coordinator: fetch each endpoint"
                    + " from the worker its location names, or ask for the relay (header " + RelayTicket.HEADER + ")")));
        }
    }

    @Override
    public FlightInfo getFlightInfo(CallContext context, FlightDescriptor descriptor) {
        try {
            QueryExecution q = queries.execute(command(descriptor), QueryIdHeader.chosen(), 0, context::isCancelled,
                    Caller.current(), true);
            return QueryFlightInfo.of(q, descriptor, locations);
        } catch (RuntimeException e) {
            throw RemoteErrors.toFlight(e);
        }
    }

    @Override
    public SchemaResult getSchema(CallContext context, FlightDescriptor descriptor) {
        try {
            return new SchemaResult(queries.schema(command(descriptor)));
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
                        + "; the tables are " + queries.catalog().names());
            }
            return queries.catalog().tablePlan(path.get(0));
        }
        return QueryManager.parseCommand(descriptor.getCommand());
    }

    /** The catalog's tables, each with its schema; fetch one with {@code GetFlightInfo} on its path. */
    @Override
    public void listFlights(CallContext context, Criteria criteria, StreamListener<FlightInfo> listener) {
        try {
            for (String name : queries.catalog().names()) {
                listener.onNext(new FlightInfo(queries.schema(queries.catalog().tablePlan(name)),
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
                answer = (queries.cancel(id, Caller.current()) ? "cancelled " : "not running: ").concat(id);
            } else if (action.getType().equals(STATUS.getType())) {
                String id = new String(action.getBody(), StandardCharsets.UTF_8).trim();
                answer = statusJson(queries.status(id, Caller.current()));
            } else if (action.getType().equals(EXPLAIN.getType())) {
                answer = queries.analyze(QueryManager.parseCommand(action.getBody())).getExplain();
            } else {
                throw PolaroidException.notSupported("action '" + action.getType() + "': the actions are "
                        + List.of(CANCEL.getType(), STATUS.getType(), EXPLAIN.getType()));
            }
            listener.onNext(new Result(answer.getBytes(StandardCharsets.UTF_8)));
            listener.onCompleted();
        } catch (RuntimeException e) {
            listener.onError(RemoteErrors.toFlight(e));
        }
    }

    /** A status as JSON, so that a client without the protobuf classes (pyarrow) reads it. */
    private static String statusJson(io.polaroid.proto.v1.QueryStatus status) {
        try {
            return com.google.protobuf.util.JsonFormat.printer().omittingInsignificantWhitespace().print(status);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw PolaroidException.internal("cannot print the status of query " + status.getQueryId() + ": " + e.getMessage());
        }
    }

    @Override
    public void listActions(CallContext context, StreamListener<ActionType> listener) {
        listener.onNext(CANCEL);
        listener.onNext(STATUS);
        listener.onNext(EXPLAIN);
        listener.onCompleted();
    }
}
