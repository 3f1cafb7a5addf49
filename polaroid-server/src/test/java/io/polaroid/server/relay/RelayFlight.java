package io.polaroid.server.relay;

import io.polaroid.remote.Authorization;
import io.polaroid.remote.RelayTicket;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;

/** A plain Arrow Flight client of a test cluster's coordinator, as a user's own code would be. */
final class RelayFlight {
    private RelayFlight() {
    }

    static FlightClient coordinator(BufferAllocator allocator, int port, Authorization as) {
        return FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", port)).intercept(as.flight()).build();
    }

    /** The call option that asks for relayed endpoints. */
    static CallOption askRelay() {
        FlightCallHeaders headers = new FlightCallHeaders();
        headers.insert(RelayTicket.HEADER, "true");
        return new HeaderCallOption(headers);
    }

    /** Every row of {@code endpoint}, read on {@code client}. */
    static long rows(FlightClient client, FlightEndpoint endpoint) throws Exception {
        long rows = 0;
        try (FlightStream s = client.getStream(endpoint.getTicket())) {
            while (s.next()) {
                rows += s.getRoot().getRowCount();
            }
        }
        return rows;
    }
}
