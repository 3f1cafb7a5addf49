package io.polaroid.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.session.EngineConfig;
import io.polaroid.engine.testing.Rows;
import io.polaroid.tpch.S3TestServer;
import io.polaroid.tpch.TpchData;
import io.polaroid.tpch.TpchQueries;
import io.polaroid.tpch.TpchTables;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The docker-compose topology as processes: a coordinator, the compose file's number of workers
 * and an S3-compatible store, each process configured with the environment the compose file
 * gives its container. Only what cannot be the same outside Docker changes: ports are free ones
 * on loopback, and service host names become 127.0.0.1. The TPC-H test data goes where the
 * compose file's catalog says, and queries read it from the store through the workers.
 */
class ComposeTopologyTest {
    static ComposeFile compose;
    static S3TestServer s3;
    static LocalCluster cluster;
    static Polaroid remote;
    static Polaroid local;
    static Path data;
    static String folder;

    @BeforeAll
    static void setUp() {
        compose = ComposeFile.ofRepository();
        Map<String, String> coordinatorEnv = compose.environment("coordinator");
        Map<String, String> workerEnv = compose.environment("worker");
        data = TpchData.splitTestData();
        s3 = new S3TestServer(coordinatorEnv.get("AWS_ACCESS_KEY_ID"), coordinatorEnv.get("AWS_SECRET_ACCESS_KEY"));
        URI lineitem = URI.create(coordinatorEnv.get("POLAROID_CATALOG_LINEITEM"));
        String prefix = lineitem.getPath().substring(1, lineitem.getPath().lastIndexOf('/'));
        s3.createBucketNamed(lineitem.getHost());
        s3.upload(data, lineitem.getHost(), prefix);
        folder = "s3a://" + lineitem.getHost() + "/" + prefix;
        cluster = new LocalCluster("compose", workers(), List.of(), onLoopback(coordinatorEnv), onLoopback(workerEnv));
        remote = Polaroid.connect(cluster.url());
        local = Polaroid.local(EngineConfig.defaults().withThreads(2));
    }

    /** The compose file's replicas of the worker service. */
    @SuppressWarnings("unchecked")
    private static int workers() {
        Object deploy = compose.service("worker").get("deploy");
        Object replicas = deploy instanceof Map<?, ?> d ? ((Map<String, Object>) d).get("replicas") : null;
        return replicas == null ? 1 : Integer.parseInt(String.valueOf(replicas));
    }

    /** The compose environment with the object store's address replaced by the test's, and workers reachable on loopback. */
    private static Map<String, String> onLoopback(Map<String, String> env) {
        Map<String, String> out = new HashMap<>(env);
        assertThat(out).as("the compose file points the servers at its object store").containsKey("POLAROID_S3_ENDPOINT");
        out.put("POLAROID_S3_ENDPOINT", s3.endpoint());
        out.put("POLAROID_WORKER_ADVERTISEDHOST", "127.0.0.1");
        return out;
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (remote != null) {
            remote.close();
        }
        if (local != null) {
            local.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @ParameterizedTest(name = "Q{0}")
    @ValueSource(ints = {1, 3, 6, 10})
    void tpchFromTheObjectStoreMatchesLocalModeOnTheLocalFiles(int q) {
        try (DataFrame expected = TpchQueries.query(q, new TpchTables(local, data)).collect();
             DataFrame actual = TpchQueries.query(q, new TpchTables(remote, folder)).collect()) {
            assertThat(expected.height()).isPositive();
            assertThat(Rows.difference(expected.rows(), actual.rows(), true)).as("Q%d", q).isNull();
        }
    }

    @Test
    void aCatalogTableOfTheComposeFileStreamsWholeOverFlight() throws Exception {
        long rows = 0;
        try (BufferAllocator allocator = new RootAllocator();
             FlightClient client = FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", cluster.port()))
                     .intercept(TestCredentials.get().client().flight()).build()) {
            FlightInfo info = client.getInfo(FlightDescriptor.path("lineitem"));
            for (FlightEndpoint e : info.getEndpoints()) {
                try (FlightClient worker = FlightClient.builder(allocator, e.getLocations().get(0))
                         .intercept(TestCredentials.get().client().flight()).build();
                     FlightStream stream = worker.getStream(e.getTicket())) {
                    while (stream.next()) {
                        rows += stream.getRoot().getRowCount();
                    }
                }
            }
        }
        try (DataFrame count = local.scanParquet(data.resolve("lineitem.parquet").toString()).collect()) {
            assertThat(rows).isEqualTo(count.height());
        }
    }

    @Test
    void aClusterResultIsWrittenToTheObjectStoreAndReadBack() {
        Map<String, String> client = Map.of("polaroid.s3.endpoint", s3.endpoint(), "polaroid.s3.path-style-access", "true",
                "polaroid.s3.access-key", compose.environment("coordinator").get("AWS_ACCESS_KEY_ID"),
                "polaroid.s3.secret-key", compose.environment("coordinator").get("AWS_SECRET_ACCESS_KEY"));
        client.forEach(System::setProperty);
        try (Polaroid writer = Polaroid.connect(cluster.url());
             DataFrame q3 = TpchQueries.query(3, new TpchTables(writer, folder)).collect()) {
            q3.writeParquet(folder + "/results/q3.parquet");
            try (DataFrame back = remote.scanParquet(folder + "/results/q3.parquet").collect()) {
                assertThat(Rows.difference(q3.rows(), back.rows(), true)).isNull();
            }
        } finally {
            client.keySet().forEach(System::clearProperty);
        }
    }
}
