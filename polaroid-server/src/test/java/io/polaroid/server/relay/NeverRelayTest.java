package io.polaroid.server.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.polaroid.server.LocalCluster;
import io.polaroid.server.TestCredentials;
import io.polaroid.remote.RelayTicket;
import io.polaroid.tpch.TpchData;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code polaroid.results.relay=never}: a client that asks still gets the workers' endpoints, and
 * the coordinator refuses a relay ticket, saying the relay is off, instead of moving results.
 */
class NeverRelayTest {
    static final Path DATA = TpchData.splitTestData();
    static LocalCluster cluster;
    static final RootAllocator allocator = new RootAllocator();

    @BeforeAll
    static void start() {
        cluster = new LocalCluster("relay-never", 2, List.of(DATA.toString()), "--polaroid.results.relay=never",
                "--polaroid.catalog.nation=" + DATA.resolve("nation.parquet"));
    }

    @AfterAll
    static void stop() {
        UnreachableWorkers.stop(cluster, allocator);
    }

    @Test
    void askingChangesNothingAndRelayTicketsAreRefused() throws Exception {
        try (FlightClient c = RelayFlight.coordinator(allocator, cluster.port(), TestCredentials.get().client())) {
            FlightInfo info = c.getInfo(FlightDescriptor.path("nation"), RelayFlight.askRelay());
            FlightEndpoint direct = info.getEndpoints().get(0);
            assertThat(direct.getLocations().get(0).getUri().getScheme()).isEqualTo("grpc+tcp");
            assertThat(RelayTicket.is(direct.getTicket().getBytes())).isFalse();
            FlightRuntimeException off = catchThrowableOfType(FlightRuntimeException.class,
                    () -> RelayFlight.rows(c, RelayTicket.relayed(direct)));
            assertThat(off.status().code()).isEqualTo(FlightStatusCode.UNIMPLEMENTED);
            assertThat(off.getMessage()).contains("polaroid.results.relay=never");
            long rows = 0;
            for (FlightEndpoint e : info.getEndpoints()) {
                try (FlightClient worker = FlightClient.builder(allocator, e.getLocations().get(0))
                        .intercept(TestCredentials.get().client().flight()).build()) {
                    rows += RelayFlight.rows(worker, e);
                }
            }
            assertThat(rows).isEqualTo(25);
        }
    }
}
