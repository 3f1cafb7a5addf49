package io.polaroid.server.coordinator.flightsql;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.HashSet;
import java.util.Set;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.ActionType;
import org.apache.arrow.flight.Criteria;
import org.apache.arrow.flight.FlightConstants;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightProducer;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.FlightSqlUtils;

/**
 * The coordinator's one Flight service, shared by two protocols: a command, ticket or action that
 * is a Flight SQL message (a packed {@code google.protobuf.Any} of an
 * {@code arrow.flight.protocol.sql} message) goes to Flight SQL; everything else (plan commands,
 * table paths, the {@code cancel} and {@code explain} actions) keeps going to the plan producer.
 * A plan can never be mistaken for Flight SQL: a serialized {@code Plan} or its JSON does not
 * parse as an {@code Any} whose type URL names a Flight SQL message.
 */
public final class FlightSqlRouter implements FlightProducer {
    private static final String FLIGHT_SQL_TYPES = "type.googleapis.com/arrow.flight.protocol.sql.";

    private final FlightProducer plans;
    private final FlightProducer sql;
    private final Set<String> sqlActions = new HashSet<>();

    public FlightSqlRouter(FlightProducer plans, FlightProducer sql) {
        this.plans = plans;
        this.sql = sql;
        FlightSqlUtils.FLIGHT_SQL_ACTIONS.forEach(a -> sqlActions.add(a.getType()));
        // the Flight actions Flight SQL clients send (the producer answers what it does not do with UNIMPLEMENTED)
        for (ActionType a : new ActionType[] {FlightConstants.CANCEL_FLIGHT_INFO, FlightConstants.RENEW_FLIGHT_ENDPOINT,
                FlightConstants.SET_SESSION_OPTIONS, FlightConstants.GET_SESSION_OPTIONS, FlightConstants.CLOSE_SESSION}) {
            sqlActions.add(a.getType());
        }
    }

    /** Whether {@code bytes} are a packed Flight SQL message. */
    static boolean isFlightSql(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return false;
        }
        try {
            return Any.parseFrom(bytes).getTypeUrl().startsWith(FLIGHT_SQL_TYPES);
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    private FlightProducer of(FlightDescriptor descriptor) {
        return descriptor.isCommand() && isFlightSql(descriptor.getCommand()) ? sql : plans;
    }

    @Override
    public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
        (isFlightSql(ticket.getBytes()) ? sql : plans).getStream(context, ticket, listener);
    }

    @Override
    public FlightInfo getFlightInfo(CallContext context, FlightDescriptor descriptor) {
        return of(descriptor).getFlightInfo(context, descriptor);
    }

    @Override
    public SchemaResult getSchema(CallContext context, FlightDescriptor descriptor) {
        return of(descriptor).getSchema(context, descriptor);
    }

    @Override
    public Runnable acceptPut(CallContext context, FlightStream flightStream, StreamListener<PutResult> ackStream) {
        return of(flightStream.getDescriptor()).acceptPut(context, flightStream, ackStream);
    }

    @Override
    public void doAction(CallContext context, Action action, StreamListener<Result> listener) {
        (sqlActions.contains(action.getType()) ? sql : plans).doAction(context, action, listener);
    }

    @Override
    public void listFlights(CallContext context, Criteria criteria, StreamListener<FlightInfo> listener) {
        plans.listFlights(context, criteria, listener);
    }

    /** Both producers' actions, in one list. */
    @Override
    public void listActions(CallContext context, StreamListener<ActionType> listener) {
        plans.listActions(context, new StreamListener<>() {
            @Override
            public void onNext(ActionType val) {
                listener.onNext(val);
            }

            @Override
            public void onError(Throwable t) {
                listener.onError(t);
            }

            @Override
            public void onCompleted() {
                sql.listActions(context, listener);
            }
        });
    }
}
