package io.polaroid.server.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.polaroid.ConnectOptions;
import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.testing.Rows;
import io.polaroid.remote.Authorization;
import io.polaroid.remote.RelayTicket;
import io.polaroid.server.LocalCluster;
import io.polaroid.server.TestCredentials;
import io.polaroid.tpch.TpchData;
import io.polaroid.tpch.TpchQueries;
import io.polaroid.tpch.TpchTables;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.LocationSchemes;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Results through the coordinator, on a cluster that relays when asked ({@code polaroid.results.relay=auto}):
 * the same rows as read from the workers, endpoints on the coordinator only when asked, a ticket
 * only for the credential it was made for, and a worker killed mid-relay fails the read saying so.
 * The workers make small batches, so that a partition is many batches and a relay is long.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResultRelayTest {
    static final Path DATA = TpchData.splitTestData();
    static LocalCluster cluster;
    static Polaroid direct;
    static Polaroid relayed;
    static final RootAllocator allocator = new RootAllocator();

    @BeforeAll
    static void start() {
        cluster = new LocalCluster("relay", 2, List.of(DATA.toString()), Map.of(), Map.of("POLAROID_ENGINE_BATCH_ROWS", "512"),
                "--polaroid.catalog.lineitem=" + DATA.resolve("lineitem.parquet"));
        direct = Polaroid.connect(cluster.url());
        relayed = Polaroid.connect(cluster.url(), ConnectOptions.defaults().withRelay(true));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {direct, relayed, cluster}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // closing the rest matters more
            }
        }
        allocator.close();
    }

    private static Authorization client() {
        return TestCredentials.get().client();
    }

    @Test
    @Order(1)
    void relayedQueriesReturnTheRowsOfDirectReads() {
        for (int q : new int[] {1, 3, 10}) {
            List<List<Object>> expected;
            try (DataFrame df = TpchQueries.query(q, new TpchTables(direct, DATA)).collect()) {
                expected = df.rows();
            }
            try (DataFrame df = TpchQueries.query(q, new TpchTables(relayed, DATA)).collect()) {
                assertThat(Rows.difference(expected, df.rows(), true)).as("Q%d", q).isNull();
            }
        }
        try (DataFrame a = new TpchTables(direct, DATA).lineitem().collect();
             DataFrame b = new TpchTables(relayed, DATA).lineitem().collect()) {
            assertThat(b.height()).isEqualTo(a.height()).isGreaterThan(100_000);
            assertThat(Rows.difference(a.rows(), b.rows(), false)).isNull();
        }
    }

    @Test
    @Order(2)
    void endpointsAreOnTheCoordinatorOnlyWhenAsked() throws Exception {
        try (FlightClient c = RelayFlight.coordinator(allocator, cluster.port(), client())) {
            FlightInfo plain = c.getInfo(FlightDescriptor.path("lineitem"));
            FlightInfo asked = c.getInfo(FlightDescriptor.path("lineitem"), RelayFlight.askRelay());
            assertThat(plain.getEndpoints()).isNotEmpty().allSatisfy(e -> {
                assertThat(e.getLocations().get(0).getUri().getScheme()).isEqualTo("grpc+tcp");
                assertThat(RelayTicket.is(e.getTicket().getBytes())).isFalse();
            });
            assertThat(asked.getEndpoints()).hasSameSizeAs(plain.getEndpoints()).allSatisfy(e -> {
                assertThat(e.getLocations().get(0).getUri().getScheme()).isEqualTo(LocationSchemes.REUSE_CONNECTION);
                assertThat(RelayTicket.is(e.getTicket().getBytes())).isTrue();
            });
            long rows = 0;
            for (FlightEndpoint e : asked.getEndpoints()) {
                rows += RelayFlight.rows(c, e); // read on the coordinator's connection, as the location says
            }
            long direct = 0;
            for (FlightEndpoint e : plain.getEndpoints()) {
                try (FlightClient worker = RelayFlight.coordinator(allocator, e.getLocations().get(0).getUri().getPort(), client())) {
                    direct += RelayFlight.rows(worker, e);
                }
            }
            assertThat(rows).isPositive().isEqualTo(direct);
            assertThat(asked.getRecords()).as("streamed: the size is known once read").isEqualTo(plain.getRecords()).isEqualTo(-1);
        }
    }

    @Test
    @Order(3)
    void aRelayTicketIsTheClientsOwn() throws Exception {
        Authorization other = Authorization.bearer(TestCredentials.get().otherToken());
        try (FlightClient mine = RelayFlight.coordinator(allocator, cluster.port(), client());
             FlightClient theirs = RelayFlight.coordinator(allocator, cluster.port(), other)) {
            FlightEndpoint e = mine.getInfo(FlightDescriptor.path("lineitem"), RelayFlight.askRelay()).getEndpoints().get(0);
            FlightRuntimeException refused = catchThrowableOfType(FlightRuntimeException.class, () -> RelayFlight.rows(theirs, e));
            assertThat(refused.status().code()).isEqualTo(FlightStatusCode.UNAUTHORIZED);
            assertThat(refused.getMessage()).contains("not valid for this caller");

            // the same ticket, pointed at a process that is not one of the cluster's workers
            RelayTicket real = RelayTicket.decode(e.getTicket().getBytes());
            Ticket elsewhere = new Ticket(new RelayTicket("127.0.0.1:" + cluster.port(), real.directTicket()).encode());
            FlightRuntimeException notAWorker = catchThrowableOfType(FlightRuntimeException.class, () -> {
                try (FlightStream s = mine.getStream(elsewhere)) {
                    s.next();
                }
            });
            assertThat(notAWorker.getMessage()).contains("no longer part of the cluster");
            assertThat(RelayFlight.rows(mine, e)).isPositive(); // and its owner still reads it
        }
    }

    @Test
    @Order(4)
    void aWorkerKilledMidRelayFailsTheReadSayingSo() throws Exception {
        try (FlightClient c = RelayFlight.coordinator(allocator, cluster.port(), client())) {
            FlightInfo info = c.getInfo(FlightDescriptor.path("lineitem"), RelayFlight.askRelay());
            // a streamed result's sizes are not known: any partition of the biggest table will do
            FlightEndpoint biggest = info.getEndpoints().get(0);
            String worker = RelayTicket.decode(biggest.getTicket().getBytes()).workerAddress();
            int index = cluster.workerPort(0) == Integer.parseInt(worker.substring(worker.lastIndexOf(':') + 1)) ? 0 : 1;
            try (FlightStream s = c.getStream(biggest.getTicket())) {
                assertThat(s.next()).isTrue();
                cluster.kill(index);
                FlightRuntimeException lost = catchThrowableOfType(FlightRuntimeException.class, () -> {
                    while (s.next()) {
                        Thread.onSpinWait();
                    }
                });
                assertThat(lost).as("the relay of a killed worker's partition ends in an error, not short").isNotNull();
                assertThat(lost.status().code()).isEqualTo(FlightStatusCode.UNAVAILABLE);
                assertThat(lost.getMessage()).contains("lost the worker at " + worker).contains("relayed");
            }
        }
    }
}
