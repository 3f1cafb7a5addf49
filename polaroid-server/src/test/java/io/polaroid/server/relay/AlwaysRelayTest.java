package io.polaroid.server.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.server.LocalCluster;
import io.polaroid.server.TestCredentials;
import io.polaroid.remote.RelayTicket;
import io.polaroid.tpch.TpchData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.Result;
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
 * cannot reach the workers, reads every result from the coordinator it asked; and, naming its
 * query with a header, follows it with the {@code status} action as the SDKs' progress lines do.
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
    void aQueryTheClientNamedIsFollowedByTheStatusAction() throws Exception {
        String id = "named-" + System.nanoTime();
        FlightCallHeaders headers = new FlightCallHeaders();
        headers.insert("x-polaroid-query-id", id);
        try (FlightClient c = RelayFlight.coordinator(allocator, cluster.port(), TestCredentials.get().client());
             FlightClient other = RelayFlight.coordinator(allocator, cluster.port(), io.polaroid.remote.Authorization.bearer(TestCredentials.get().otherToken()))) {
            FlightInfo info = c.getInfo(FlightDescriptor.path("orders"), new HeaderCallOption(headers));
            assertThat(info.getEndpoints()).isNotEmpty();
            // a streamed result's query runs while its client reads it, and succeeds once it was read
            String json = status(c, id);
            assertThat(json).contains("\"queryId\":\"" + id + "\"", "\"stagesTotal\":").containsAnyOf("\"state\":\"RUNNING\"",
                    "\"state\":\"SUCCEEDED\"");
            for (FlightEndpoint e : info.getEndpoints()) {
                RelayFlight.rows(c, e);
            }
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (!(json = status(c, id)).contains("\"state\":\"SUCCEEDED\"") && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(json).contains("\"state\":\"SUCCEEDED\"");
            // another principal's query is as unknown as a missing one
            assertThatThrownBy(() -> other.doAction(new Action("status", id.getBytes(StandardCharsets.UTF_8))).next())
                    .isInstanceOfSatisfying(FlightRuntimeException.class,
                            e -> assertThat(e.status().code()).isEqualTo(FlightStatusCode.NOT_FOUND))
                    .hasMessageContaining("no query with id " + id);
        }
    }

    private static String status(FlightClient c, String id) {
        Result status = c.doAction(new Action("status", id.getBytes(StandardCharsets.UTF_8))).next();
        return new String(status.getBody(), StandardCharsets.UTF_8);
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
            assertThat(rows).isGreaterThan(10_000);
            assertThat(info.getRecords()).as("streamed: the size is known once read").isEqualTo(-1);
        }
    }
}
