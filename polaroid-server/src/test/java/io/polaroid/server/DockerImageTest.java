package io.polaroid.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.testing.Rows;
import io.polaroid.tpch.TpchData;
import io.polaroid.tpch.TpchQueries;
import io.polaroid.tpch.TpchTables;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.MountableFile;

/**
 * The image as users run it: built from docker/Dockerfile, a coordinator and a worker container
 * on one network, the test data copied in, TPC-H Q1 through the published port equal to local
 * mode. Needs a Docker engine: where there is none, JUnit reports it skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerImageTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    /**
     * The sources the image builds from, file by file: Testcontainers does not apply
     * .dockerignore, and the whole folder would send data/, python/.venv and every target/.
     */
    private static ImageFromDockerfile buildContext(ImageFromDockerfile image) {
        image.withFileFromPath("pom.xml", REPOSITORY.resolve("pom.xml"))
                .withFileFromPath("src-proto", REPOSITORY.resolve("src-proto"))
                .withFileFromPath("docker", REPOSITORY.resolve("docker"));
        for (String web : java.util.List.of("package.json", "package-lock.json", "build.mjs", "src", "console")) {
            image.withFileFromPath("web/" + web, REPOSITORY.resolve("web").resolve(web));
        }
        try (java.util.stream.Stream<Path> modules = java.nio.file.Files.list(REPOSITORY)) {
            for (Path m : modules.filter(p -> p.getFileName().toString().startsWith("polaroid-")).toList()) {
                String name = m.getFileName().toString();
                image.withFileFromPath(name + "/pom.xml", m.resolve("pom.xml"));
                if (java.nio.file.Files.isDirectory(m.resolve("src"))) {
                    image.withFileFromPath(name + "/src", m.resolve("src"));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return image;
    }

    @Test
    void aCoordinatorAndAWorkerContainerAnswerLikeLocalMode() {
        Path data = TpchData.testData();
        // Authentication as compose configures it: the shared internal secret in both containers,
        // and the client token, which the entrypoint turns into the coordinator's tokens file.
        TestCredentials credentials = TestCredentials.get();
        ImageFromDockerfile image = buildContext(new ImageFromDockerfile("polaroid-test", false))
                .withDockerfile(REPOSITORY.resolve("docker/Dockerfile"));
        try (Network network = Network.newNetwork();
             GenericContainer<?> coordinator = new GenericContainer<>(image).withNetwork(network)
                     .withNetworkAliases("coordinator").withEnv("POLAROID_ROLE", "coordinator")
                     .withEnv("POLAROID_SECURITY_INTERNALSECRET", credentials.internalSecret())
                     .withEnv("POLAROID_CLIENT_TOKEN", credentials.token())
                     .withEnv("POLAROID_DATA_ROOTS", "/data").withExposedPorts(50052, 8080)
                     .withCopyFileToContainer(MountableFile.forHostPath(data), "/data")
                     .waitingFor(Wait.forHttp("/actuator/health/liveness").forPort(8080)
                             .withStartupTimeout(Duration.ofMinutes(3)));
             GenericContainer<?> worker = new GenericContainer<>(image).withNetwork(network)
                     .withEnv("POLAROID_ROLE", "worker").withEnv("POLAROID_WORKER_COORDINATOR", "coordinator:50052")
                     .withEnv("POLAROID_SECURITY_INTERNALSECRET", credentials.internalSecret())
                     .withEnv("POLAROID_DATA_ROOTS", "/data")
                     .withCopyFileToContainer(MountableFile.forHostPath(data), "/data")) {
            coordinator.start();
            worker.start();
            String url = "grpc://" + coordinator.getHost() + ":" + coordinator.getMappedPort(50052);
            try (Polaroid remote = Polaroid.connect(url, credentials.token());
                 Polaroid local = Polaroid.local(EngineConfig.defaults().withThreads(2));
                 DataFrame expected = TpchQueries.query(1, new TpchTables(local, data)).collect();
                 DataFrame actual = TpchQueries.query(1, new TpchTables(remote, "/data")).collect()) {
                assertThat(Rows.difference(expected.rows(), actual.rows(), true)).isNull();
            }
        }
    }
}
