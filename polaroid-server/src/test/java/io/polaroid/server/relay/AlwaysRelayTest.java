package io.polaroid.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.server.LocalCluster;
import io.polaroid.server.TestCredentials;
import io.polaroid.remote.RelayTicket;
import io.polaroid.tpch.TpchData;
import java.nio.file.Path;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.LocationSchemes;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code polaroid.results.relay=always}: a plain Flight client that knows nothing of Polaroid, and
 * cannot reach the workers, reads every result from the coordinator it asked.
 */
class AlwaysRelayTest {
    static final Path DATA = TpchData.splitTestData();
    static LocalCluster cluster;
    static final RootAllocator allocator = new RootAllocator();

    @BeforeAll
    static void start() {
        cluster = UnreachableWorkers.start("relay-always", 2, DATA, "--polaroid.results.relay=always",
                "--polaroid.catalog.orders=" + DATA.resolve("orders.parquet"));
    }

    @AfterAll
    static void stop() {
        UnreachableWorkers.stop(cluster, allocator);
    }

    @Test
    void everyEndpointIsOnTheCoordinatorWithoutAsking() throws Exception {
        try (FlightClient c = RelayFlight.coordinator(allocator, cluster.port(), TestCredentials.get().client())) {
            FlightInfo info = c.getInfo(FlightDescriptor.path("orders"));
            long rows = 0;
            for (FlightEndpoint e : info.getEndpoints()) {
                assertThat(e.getLocations().get(0).getUri().getScheme()).isEqualTo(LocationSchemes.REUSE_CONNECTION);
                assertThat(RelayTicket.decode(e.getTicket().getBytes()).workerAddress()).startsWith(UnreachableWorkers.WORKER_HOST);
                rows += RelayFlight.rows(c, e);
            }
            assertThat(rows).isEqualTo(info.getRecords()).isGreaterThan(10_000);
        }
    }
}
