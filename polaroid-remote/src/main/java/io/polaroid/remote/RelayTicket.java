package io.polaroid.remote;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.LocationSchemes;
import org.apache.arrow.flight.Ticket;

/**
 * A result partition read through the coordinator, for clients that cannot reach the workers (a
 * laptop behind {@code kubectl port-forward}). The ticket is {@code polaroid-relay-v1\n<worker
 * host:port>\n<the worker's own ticket>}: a client derives it from any direct endpoint, so a
 * client that finds a worker unreachable can fall back without planning again. The coordinator
 * relays only to a worker it knows, and only a ticket the caller itself may redeem.
 *
 * <p>A client asks the coordinator for relayed endpoints with the call header {@value #HEADER}
 * (any value but {@code false}/{@code 0}) on {@code GetFlightInfo}.
 */
public record RelayTicket(String workerAddress, byte[] directTicket) {
    /** The header on {@code GetFlightInfo} that asks for endpoints on the coordinator. */
    public static final String HEADER = "x-polaroid-relay";
    private static final byte[] PREFIX = "polaroid-relay-v1\n".getBytes(StandardCharsets.UTF_8);

    public byte[] encode() {
        byte[] address = (workerAddress + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[PREFIX.length + address.length + directTicket.length];
        System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
        System.arraycopy(address, 0, out, PREFIX.length, address.length);
        System.arraycopy(directTicket, 0, out, PREFIX.length + address.length, directTicket.length);
        return out;
    }

    /** Whether {@code ticket} is a relay ticket. */
    public static boolean is(byte[] ticket) {
        return ticket.length > PREFIX.length && Arrays.equals(ticket, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
    }

    /** The relay ticket {@code ticket} is; IllegalArgumentException when it is not one. */
    public static RelayTicket decode(byte[] ticket) {
        if (!is(ticket)) {
            throw new IllegalArgumentException("not a relay ticket");
        }
        int newline = PREFIX.length;
        while (newline < ticket.length && ticket[newline] != '\n') {
            newline++;
        }
        if (newline == ticket.length) {
            throw new IllegalArgumentException("a relay ticket names a worker, then its ticket");
        }
        return new RelayTicket(new String(ticket, PREFIX.length, newline - PREFIX.length, StandardCharsets.UTF_8),
                Arrays.copyOfRange(ticket, newline + 1, ticket.length));
    }

    /** Whether {@code endpoint} is read from the server that answered (no location, or "reuse this connection"). */
    public static boolean onAnsweringServer(FlightEndpoint endpoint) {
        List<Location> at = endpoint.getLocations();
        return at.isEmpty() || LocationSchemes.REUSE_CONNECTION.equals(at.get(0).getUri().getScheme());
    }

    /**
     * The same partition read through the server that answered: {@code direct} unchanged when it
     * already is, otherwise its ticket wrapped for the worker its location names.
     */
    public static FlightEndpoint relayed(FlightEndpoint direct) {
        if (onAnsweringServer(direct) || is(direct.getTicket().getBytes())) {
            return direct;
        }
        java.net.URI at = direct.getLocations().get(0).getUri();
        String address = at.getHost() + ":" + at.getPort();
        FlightEndpoint.Builder b = FlightEndpoint.builder(new Ticket(new RelayTicket(address, direct.getTicket().getBytes())
                .encode()), Location.reuseConnection()).setAppMetadata(direct.getAppMetadata());
        direct.getExpirationTime().ifPresent(b::setExpirationTime);
        return b.build();
    }
}
