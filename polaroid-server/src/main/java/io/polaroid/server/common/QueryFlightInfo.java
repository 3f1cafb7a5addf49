package io.polaroid.server.common;

import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.remote.EndpointSize;
import io.polaroid.remote.Transport;
import io.polaroid.server.coordinator.QueryExecution;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.vector.ipc.message.IpcOption;

/**
 * The FlightInfo of finished queries: one endpoint per result partition, on the worker that holds
 * it, with its signed ticket. Plan commands and Flight SQL statements answer the same way, so
 * every client reads results straight from the workers.
 */
public final class QueryFlightInfo {
    private QueryFlightInfo() {
    }

    /** The FlightInfo of {@code query}, asked for with {@code descriptor}. */
    public static FlightInfo of(QueryExecution query, FlightDescriptor descriptor, Transport transport) {
        return of(List.of(query), descriptor, transport);
    }

    /**
     * The FlightInfo of {@code queries} (one plan run once per set of parameters) read one after
     * the other: their endpoints in order. Only a single query's order is kept.
     */
    public static FlightInfo of(List<QueryExecution> queries, FlightDescriptor descriptor, Transport transport) {
        List<FlightEndpoint> endpoints = new ArrayList<>();
        long bytes = 0;
        long rows = 0;
        for (QueryExecution q : queries) {
            for (QueryExecution.Endpoint e : q.endpoints()) {
                endpoints.add(FlightEndpoint.builder(new Ticket(e.ticket()), transport.location(e.address()))
                        .setAppMetadata(EndpointSize.of(e.rows(), e.bytes()).encode()).setExpirationTime(e.expires()).build());
                bytes += e.bytes();
            }
            rows += q.totalRows();
        }
        QueryExecution first = queries.get(0);
        return new FlightInfo(ArrowTypes.toArrow(first.plan().schema()), descriptor, endpoints, bytes, rows,
                queries.size() == 1 && first.plan().ordered(), IpcOption.DEFAULT);
    }
}
