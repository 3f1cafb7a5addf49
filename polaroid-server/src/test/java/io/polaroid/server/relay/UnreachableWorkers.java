package io.polaroid.server.relay;

import io.polaroid.server.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A cluster whose workers the test's client cannot reach, as a laptop outside a Kubernetes
 * cluster: each worker advertises the name {@value #WORKER_HOST}, which the servers resolve (a
 * hosts file of their own, {@code -Djdk.net.hosts.file}) and this JVM does not.
 */
final class UnreachableWorkers {
    static final String WORKER_HOST = "polaroid-worker.cluster.internal";

    private UnreachableWorkers() {
    }

    static LocalCluster start(String name, int workers, Path data, String... coordinatorArgs) {
        Path hosts = hostsFile(name);
        Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + hosts);
        return new LocalCluster(name, workers, List.of(data.toString()), env,
                Map.of("JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + hosts, "POLAROID_WORKER_ADVERTISED_HOST", WORKER_HOST),
                coordinatorArgs);
    }

    /** Stops {@code cluster} (null: it never started) and closes the test's {@code allocator}. */
    static void stop(LocalCluster cluster, org.apache.arrow.memory.BufferAllocator allocator) {
        if (cluster != null) {
            cluster.close();
        }
        allocator.close();
    }

    private static Path hostsFile(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "relay-hosts"));
            Path hosts = dir.resolve(name);
            String self = InetAddress.getLocalHost().getHostName();
            Files.writeString(hosts, "127.0.0.1 localhost " + self + " " + WORKER_HOST + "\n");
            return hosts.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
