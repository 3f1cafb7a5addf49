package io.polaroid.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.testing.Rows;
import io.polaroid.proto.v1.ListWorkersRequest;
import io.polaroid.proto.v1.PolaroidConnectGrpc;
import io.polaroid.remote.Authorization;
import io.polaroid.server.security.InternalSecret;
import io.polaroid.tpch.S3TestServer;
import io.polaroid.tpch.TpchData;
import io.polaroid.tpch.TpchQueries;
import io.polaroid.tpch.TpchTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * gives its container, and started through the image's entrypoint (docker/entrypoint.sh) as in
 * the container. Only what cannot be the same outside Docker changes: ports are free ones on
 * loopback, service host names become 127.0.0.1, and the entrypoint's {@code java} runs the test
 * classpath instead of the image's jar. The compose file's credentials come from a {@code .env}
 * this test writes, as scripts/compose-env.sh would: nothing puts a credential on the servers'
 * command lines (which would win over the environment and hide what compose does), so the
 * internal secret reaches them as POLAROID_SECURITY_INTERNALSECRET and the coordinator's tokens
 * file is the one the entrypoint makes from POLAROID_CLIENT_TOKEN. Clients present that token. The
 * TPC-H test data goes where the compose file's catalog says, and queries read it from the store
 * through the workers.
 */
class ComposeTopologyTest {
    static final Path WORK = Path.of("target", "compose-topology").toAbsolutePath();
    static final java.util.concurrent.atomic.AtomicInteger SERVERS = new java.util.concurrent.atomic.AtomicInteger();
    static Map<String, String> dotenv;
    static String token;
    static ComposeFile compose;
    static S3TestServer s3;
    static LocalCluster cluster;
    static Polaroid remote;
    static Polaroid local;
    static Path data;
    static String folder;

    @BeforeAll
    static void setUp() throws IOException {
        deleteRecursively(WORK);
        dotenv = ComposeFile.readEnvFile(writeDotenv());
        token = dotenv.get("POLAROID_CLIENT_TOKEN");
        compose = ComposeFile.ofRepository(dotenv);
        Map<String, String> coordinatorEnv = compose.environment("coordinator");
        Map<String, String> workerEnv = compose.environment("worker");
        data = TpchData.splitTestData();
        s3 = new S3TestServer(coordinatorEnv.get("AWS_ACCESS_KEY_ID"), coordinatorEnv.get("AWS_SECRET_ACCESS_KEY"));
        URI lineitem = URI.create(coordinatorEnv.get("POLAROID_CATALOG_LINEITEM"));
        String prefix = lineitem.getPath().substring(1, lineitem.getPath().lastIndexOf('/'));
        s3.createBucketNamed(lineitem.getHost());
        s3.upload(data, lineitem.getHost(), prefix);
        folder = "s3a://" + lineitem.getHost() + "/" + prefix;
        LocalCluster.Credentials credentials = new LocalCluster.Credentials(Authorization.bearer(token),
                new Authorization(InternalSecret.of(dotenv.get("POLAROID_INTERNAL_SECRET")).credential()), List.of());
        cluster = new LocalCluster("compose", workers(), List.of(), onLoopback(coordinatorEnv), onLoopback(workerEnv),
                credentials, ComposeTopologyTest::throughTheEntrypoint);
        remote = Polaroid.connect(cluster.url(), token);
        local = Polaroid.local(EngineConfig.defaults().withThreads(2));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** A fresh .env with the two values docker-compose.yml requires, random, as scripts/compose-env.sh writes it. */
    private static Path writeDotenv() throws IOException {
        Files.createDirectories(WORK);
        Path file = WORK.resolve(".env");
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[32];
        byte[] client = new byte[32];
        random.nextBytes(secret);
        random.nextBytes(client);
        Files.write(file, List.of("# written by ComposeTopologyTest",
                "POLAROID_INTERNAL_SECRET=" + HexFormat.of().formatHex(secret),
                "POLAROID_CLIENT_TOKEN=" + HexFormat.of().formatHex(client)), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * {@code sh docker/entrypoint.sh <server args>}, with a {@code java} first on the PATH that runs
     * the test's JVM and classpath where the image's runs {@code -jar /app/polaroid-server.jar}. The
     * JVM's flags go in JAVA_OPTS, so the entrypoint keeps its own memory sizing out, and TMPDIR
     * (where the entrypoint writes the tokens file) is under target/.
     */
    private static List<String> throughTheEntrypoint(List<String> jvm, List<String> serverArgs, Map<String, String> env) {
        int cp = jvm.indexOf("-cp");
        try {
            Path bin = Files.createDirectories(WORK.resolve("bin"));
            Path argFile = bin.resolve("classpath.args");
            List<String> classpath = jvm.subList(cp, jvm.size());
            for (String a : classpath) {
                assertThat(a).as("an argument file entry").doesNotContain("\"", "\\", " ");
            }
            Files.write(argFile, classpath, StandardCharsets.UTF_8);
            Path java = bin.resolve("java");
            Files.writeString(java, String.join("\n",
                    "#!/bin/sh",
                    "# The image's java, for docker/entrypoint.sh: this test's JVM and classpath instead of -jar <the image's jar>.",
                    "n=$#",
                    "skip=",
                    "for a in \"$@\"; do",
                    "  if [ -n \"$skip\" ]; then skip=",
                    "  elif [ \"$a\" = -jar ]; then skip=1; set -- \"$@\" @" + argFile,
                    "  else set -- \"$@\" \"$a\"; fi",
                    "done",
                    "shift \"$n\"",
                    "exec " + jvm.get(0) + " \"$@\"",
                    ""), StandardCharsets.UTF_8);
            java.toFile().setExecutable(true);
            Path tmp = Files.createDirectories(WORK.resolve("tmp"));
            env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
            env.put("TMPDIR", tmp.toString());
            // A home of each server's own, as each container has: a server that missed a setting
            // would fall back to ~/.polaroid, and on a shared home a worker would read the secret
            // the coordinator generated there, hiding the missing setting.
            Path home = Files.createDirectories(WORK.resolve("home").resolve("server" + SERVERS.incrementAndGet()));
            env.put("JAVA_OPTS", String.join(" ", jvm.subList(1, cp)) + " -Duser.home=" + home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", Path.of("..", "docker", "entrypoint.sh").toAbsolutePath().normalize().toString()));
        cmd.addAll(serverArgs);
        return cmd;
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
                     .intercept(Authorization.bearer(token).flight()).build()) {
            FlightInfo info = client.getInfo(FlightDescriptor.path("lineitem"));
            for (FlightEndpoint e : info.getEndpoints()) {
                try (FlightClient worker = FlightClient.builder(allocator, e.getLocations().get(0))
                         .intercept(Authorization.bearer(token).flight()).build();
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
        try (Polaroid writer = Polaroid.connect(cluster.url(), token);
             DataFrame q3 = TpchQueries.query(3, new TpchTables(writer, folder)).collect()) {
            q3.writeParquet(folder + "/results/q3.parquet");
            try (DataFrame back = remote.scanParquet(folder + "/results/q3.parquet").collect()) {
                assertThat(Rows.difference(q3.rows(), back.rows(), true)).isNull();
            }
        } finally {
            client.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void theComposeFileRefusesToStartWithoutTheDotenvValues() {
        for (String missing : List.of("POLAROID_INTERNAL_SECRET", "POLAROID_CLIENT_TOKEN")) {
            Map<String, String> without = new HashMap<>(dotenv);
            without.remove(missing);
            assertThatThrownBy(() -> ComposeFile.ofRepository(without).environment("coordinator"))
                    .hasMessageContaining("required variable " + missing + " is missing").hasMessageContaining("compose-env.sh");
            without.put(missing, "");
            assertThatThrownBy(() -> ComposeFile.ofRepository(without).environment("coordinator"))
                    .hasMessageContaining("required variable " + missing + " is missing");
        }
    }

    @Test
    void theServersTookTheirCredentialsFromTheComposeEnvironment() throws IOException {
        String log = Files.readString(Path.of("target", "cluster-logs", "compose", "coordinator.log"));
        assertThat(log).as("the entrypoint wrote the tokens file from POLAROID_CLIENT_TOKEN")
                .contains("from POLAROID_CLIENT_TOKEN, its hash in " + WORK.resolve("tmp"))
                .containsPattern("1 client tokens from " + java.util.regex.Pattern.quote(WORK.resolve("tmp").toString()) + "/polaroid-tokens\\.\\w+/tokens")
                .doesNotContain(token);
        assertThat(log).as("the coordinator got the internal secret from POLAROID_SECURITY_INTERNALSECRET")
                .doesNotContain("generated the cluster's internal secret");
        try (var homes = Files.list(WORK.resolve("home"))) {
            assertThat(homes.toList()).isNotEmpty().allSatisfy(home ->
                    assertThat(home.resolve(".polaroid")).as("no server fell back to ~/.polaroid").doesNotExist());
        }
    }

    @Test
    void aWrongTokenOrNoneIsRefused() {
        for (Authorization wrong : List.of(Authorization.bearer("not-the-compose-token"), Authorization.NONE)) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", cluster.port()).usePlaintext()
                    .intercept(wrong.grpc()).build();
            try {
                assertThatThrownBy(() -> PolaroidConnectGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                        .listWorkers(ListWorkersRequest.getDefaultInstance()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class,
                                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
            } finally {
                channel.shutdownNow();
            }
        }
        assertThat(PolaroidConnectGrpc.newBlockingStub(cluster.channel()).withDeadlineAfter(5, TimeUnit.SECONDS)
                .listWorkers(ListWorkersRequest.getDefaultInstance()).getWorkersCount()).isEqualTo(workers());
    }
}
