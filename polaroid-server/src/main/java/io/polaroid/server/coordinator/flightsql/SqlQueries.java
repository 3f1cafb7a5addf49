package io.polaroid.server.coordinator.flightsql;

import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.engine.types.DataType;
import io.polaroid.proto.v1.Literal;
import io.polaroid.remote.Transport;
import io.polaroid.server.common.QueryFlightInfo;
import io.polaroid.server.coordinator.QueryExecution;
import io.polaroid.server.coordinator.QueryManager;
import io.polaroid.server.security.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * SQL statements run as plans: QueryManager expands, plans and runs them on the workers, and the
 * FlightInfo sends the client to the workers for the result, as for any plan command.
 */
final class SqlQueries {
    private final QueryManager queries;
    private final Transport transport;

    SqlQueries(QueryManager queries, Transport transport) {
        this.queries = queries;
        this.transport = transport;
    }

    /**
     * Runs {@code sql} once per set of parameter values (once without any when there are none)
     * for the current caller; the result is their rows one after the other.
     */
    FlightInfo run(String sql, List<List<Literal>> parameterSets, FlightDescriptor descriptor, BooleanSupplier clientGone) {
        Caller caller = Caller.current();
        List<QueryExecution> runs = new ArrayList<>();
        for (List<Literal> parameters : parameterSets.isEmpty() ? List.of(List.<Literal>of()) : parameterSets) {
            runs.add(queries.execute(SqlPlans.of(sql, parameters), null, 0, clientGone, caller));
        }
        return QueryFlightInfo.of(runs, descriptor, transport);
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
