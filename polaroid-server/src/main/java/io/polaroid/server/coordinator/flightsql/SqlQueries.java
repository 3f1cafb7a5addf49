package io.polaroid.server.coordinator.flightsql;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.engine.types.DataType;
import io.polaroid.proto.v1.Literal;
import io.polaroid.server.common.ResultLocations;
import io.polaroid.server.common.QueryFlightInfo;
import io.polaroid.server.coordinator.QueryExecution;
import io.polaroid.server.coordinator.QueryManager;
import io.polaroid.server.security.Caller;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightProducer;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * SQL statements run as plans: QueryManager expands, plans and runs them on the workers, and the
 * FlightInfo sends the client to the workers for the result, as for any plan command. A statement
 * that reads no file ({@code SELECT 1}) is answered by the coordinator, and read from it.
 */
final class SqlQueries {
    private final QueryManager queries;
    private final ResultLocations locations;
    private final LocalAnswers answers = new LocalAnswers();

    SqlQueries(QueryManager queries, ResultLocations locations) {
        this.queries = queries;
        this.locations = locations;
    }

    /**
     * Runs {@code sql} once per set of parameter values (once without any when there are none)
     * for the current caller; the result is their rows one after the other.
     */
    FlightInfo run(String sql, List<List<Literal>> parameterSets, FlightDescriptor descriptor, BooleanSupplier clientGone) {
        Caller caller = Caller.current();
        List<QueryExecution> runs = new ArrayList<>();
        for (List<Literal> parameters : parameterSets.isEmpty() ? List.of(List.<Literal>of()) : parameterSets) {
            QueryManager.Routed routed = queries.route(SqlPlans.of(sql, parameters));
            if (routed.answer() != null && parameterSets.size() <= 1) {
                return answered(routed.answer(), descriptor, caller);
            }
            // one statement streams its result; a batch of parameter sets runs one query after another
            boolean stream = parameterSets.size() <= 1;
            runs.add(routed.answer() != null ? queries.execute(SqlPlans.of(sql, parameters), null, 0, clientGone, caller, stream)
                    : queries.execute(routed.plan(), routed.text(), null, 0, clientGone, caller, stream));
        }
        return QueryFlightInfo.of(runs, descriptor, locations);
    }

    /**
     * A result the coordinator computed: one endpoint without a location (the client reads it from
     * this same service) whose ticket is a statement ticket naming the held answer.
     */
    private FlightInfo answered(QueryManager.LocalAnswer answer, FlightDescriptor descriptor, Caller caller) {
        ByteString handle = answers.add(answer, caller.credential());
        Ticket ticket = new Ticket(Any.pack(TicketStatementQuery.newBuilder().setStatementHandle(handle).build()).toByteArray());
        return new FlightInfo(answer.schema(), descriptor, List.of(new FlightEndpoint(ticket)), answer.arrowIpc().length,
                answer.rows());
    }

    /** Streams the held answer {@code handle} to its owner, once. */
    void send(ByteString handle, BufferAllocator allocator, FlightProducer.ServerStreamListener listener) {
        QueryManager.LocalAnswer answer = answers.take(handle, Caller.current().credential());
        try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(answer.arrowIpc()), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            listener.start(root);
            while (reader.loadNextBatch()) {
                listener.putNext();
            }
            listener.completed();
        } catch (IOException e) {
            throw new PolaroidException(ErrorCode.INTERNAL, "cannot read a held answer: " + e.getMessage());
        }
    }

    /** The types of {@code sql}'s placeholders; null where the query says nothing. */
    List<DataType> parameterTypes(String sql) {
        return queries.sqlParameterTypes(sql);
    }

    /** The schema of {@code sql}'s result, planned with a typed null for each placeholder. */
    Schema resultSchema(String sql, List<DataType> parameterTypes) {
        return queries.schema(SqlPlans.of(sql, SqlPlans.nullParameters(parameterTypes)));
    }

    /** The parameter schema a client binds values with: one nullable field per placeholder. */
    static Schema parameterSchema(List<DataType> types) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            fields.add(ArrowTypes.arrowField("parameter_" + (i + 1), SqlPlans.orText(types.get(i))));
        }
        return new Schema(fields);
    }
}
