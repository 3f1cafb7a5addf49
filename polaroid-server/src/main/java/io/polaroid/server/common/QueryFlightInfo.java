package io.polaroid.server.common;

import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.server.coordinator.QueryExecution;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.vector.ipc.message.IpcOption;

/**
 * The FlightInfo of finished queries: one endpoint per result partition, with its signed ticket,
 * on the worker that holds it or on the coordinator that relays it ({@link ResultLocations}).
 * Plan commands and Flight SQL statements answer the same way.
 */
public final class QueryFlightInfo {
    private QueryFlightInfo() {
    }

    /** The FlightInfo of {@code query}, asked for with {@code descriptor}. */
    public static FlightInfo of(QueryExecution query, FlightDescriptor descriptor, ResultLocations locations) {
        return of(List.of(query), descriptor, locations);
    }

    /**
     * The FlightInfo of {@code queries} (one plan run once per set of parameters) read one after
     * the other: their endpoints in order. Only a single query's order is kept.
     */
    public static FlightInfo of(List<QueryExecution> queries, FlightDescriptor descriptor, ResultLocations locations) {
        List<FlightEndpoint> endpoints = new ArrayList<>();
        long bytes = 0;
        long rows = 0;
        boolean known = true;
        for (QueryExecution q : queries) {
            for (QueryExecution.Endpoint e : q.endpoints()) {
                endpoints.add(locations.endpoint(e));
                bytes += e.bytes();
                known &= e.rows() >= 0;
            }
            rows += q.totalRows();
        }
        if (!known) { // a streamed result: its size is known when it was read
            rows = -1;
            bytes = -1;
        }
        QueryExecution first = queries.get(0);
        return new FlightInfo(ArrowTypes.toArrow(first.plan().schema()), descriptor, endpoints, bytes, rows,
                queries.size() == 1 && first.plan().ordered(), IpcOption.DEFAULT);
    }
}
