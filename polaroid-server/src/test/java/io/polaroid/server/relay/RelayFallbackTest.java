package io.polaroid.server.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.testing.Rows;
import io.polaroid.server.LocalCluster;
import io.polaroid.server.TestCredentials;
import io.polaroid.tpch.TpchData;
import io.polaroid.tpch.TpchQueries;
import io.polaroid.tpch.TpchTables;
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
 * A client that cannot reach the workers, on a cluster that relays only when asked: the client
 * asked for nothing, finds the first worker unreachable, and reads through the coordinator.
 */
class RelayFallbackTest {
    static final Path DATA = TpchData.splitTestData();
    static LocalCluster cluster;
    static final RootAllocator allocator = new RootAllocator();

    @BeforeAll
    static void start() {
        cluster = UnreachableWorkers.start("relay-fallback", 2, DATA, "--polaroid.catalog.lineitem=" + DATA.resolve("lineitem.parquet"));
    }

    @AfterAll
    static void stop() {
        UnreachableWorkers.stop(cluster, allocator);
    }

    @Test
    void aDirectReadCannotReachTheWorkers() throws Exception {
        try (FlightClient c = RelayFlight.coordinator(allocator, cluster.port(), TestCredentials.get().client())) {
            FlightInfo info = c.getInfo(FlightDescriptor.path("lineitem"));
            FlightEndpoint e = info.getEndpoints().get(0);
            assertThat(e.getLocations().get(0).getUri().getHost()).isEqualTo(UnreachableWorkers.WORKER_HOST);
            try (FlightClient worker = FlightClient.builder(allocator, e.getLocations().get(0))
                    .intercept(TestCredentials.get().client().flight()).build()) {
                FlightRuntimeException unreachable = catchThrowableOfType(FlightRuntimeException.class,
                        () -> RelayFlight.rows(worker, e));
                assertThat(unreachable.status().code()).isEqualTo(FlightStatusCode.UNAVAILABLE);
            }
        }
    }

    @Test
    void theClientFallsBackToTheRelayAndKeepsIt() {
        try (Polaroid remote = Polaroid.connect(cluster.url());
             Polaroid local = Polaroid.local(EngineConfig.defaults().withThreads(2))) {
            for (int q : new int[] {1, 3, 6}) {
                List<List<Object>> expected;
                try (DataFrame df = TpchQueries.query(q, new TpchTables(local, DATA)).collect()) {
                    expected = df.rows();
                }
                try (DataFrame df = TpchQueries.query(q, new TpchTables(remote, DATA)).collect()) {
                    assertThat(Rows.difference(expected, df.rows(), true)).as("Q%d", q).isNull();
                }
            }
            try (DataFrame a = new TpchTables(local, DATA).lineitem().collect();
                 var batches = new TpchTables(remote, DATA).lineitem().collectStream()) {
                long rows = batches.mapToLong(df -> {
                    try (df) {
                        return df.height();
                    }
                }).sum();
                assertThat(rows).isEqualTo(a.height());
            }
        }
    }
}
