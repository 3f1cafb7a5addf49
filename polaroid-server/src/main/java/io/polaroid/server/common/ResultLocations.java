package io.polaroid.server.common;

import io.polaroid.remote.EndpointSize;
import io.polaroid.remote.RelayTicket;
import io.polaroid.remote.Transport;
import io.polaroid.server.config.ResultsProperties;
import io.polaroid.server.coordinator.QueryExecution;
import io.polaroid.server.coordinator.RelayHeader;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;

/**
 * Where a client reads a result partition: on the worker that holds it, or, when
 * {@code polaroid.results.relay} says so (always, or when the call asked), on the coordinator
 * itself ({@link Location#reuseConnection()}: the connection the client planned on, whatever
 * address it reached the coordinator at) with a {@link RelayTicket}.
 */
public final class ResultLocations {
    private final Transport transport;
    private final ResultsProperties.Relay relay;

    public ResultLocations(Transport transport, ResultsProperties.Relay relay) {
        this.transport = transport;
        this.relay = relay;
    }

    /** The Flight endpoint of {@code e}, for the call in progress. */
    public FlightEndpoint endpoint(QueryExecution.Endpoint e) {
        boolean relayed = relay.relays(RelayHeader.asked());
        Ticket ticket = new Ticket(relayed ? new RelayTicket(e.address(), e.ticket()).encode() : e.ticket());
        Location at = relayed ? Location.reuseConnection() : transport.location(e.address());
        return FlightEndpoint.builder(ticket, at).setAppMetadata(e.rows() < 0 ? EndpointSize.streamed() : EndpointSize.of(e.rows(), e.bytes()).encode())
                .setExpirationTime(e.expires()).build();
    }
}
