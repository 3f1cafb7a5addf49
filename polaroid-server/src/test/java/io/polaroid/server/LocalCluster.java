package io.polaroid.server;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.polaroid.proto.v1.ListWorkersRequest;
import io.polaroid.proto.v1.PolaroidConnectGrpc;
import io.polaroid.proto.v1.StatusRequest;
import io.polaroid.proto.v1.WorkerStatus;
import io.polaroid.proto.v1.WorkerTasksGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A coordinator and workers as separate JVM processes on loopback, started from the test
 * classpath, with logs under {@code target/cluster-logs}. Workers run with one engine thread and
 * one slot each, as on a 2-core machine split between two workers.
 */
public final class LocalCluster implements AutoCloseable {
    private final List<Process> workers = new ArrayList<>();
    private final List<Integer> workerPorts = new ArrayList<>();
    private final Process coordinator;
    private final int port;
    private final int httpPort;
    private final List<String> roots;
    private final String name;
    private final ManagedChannel channel;

    public LocalCluster(String name, int workerCount, List<String> dataRoots, String... extraCoordinatorArgs) {
        this.name = name;
        this.roots = dataRoots;
        this.port = freePort();
        this.httpPort = freePort();
        List<String> args = new ArrayList<>(List.of("--polaroid.role=coordinator", "--spring.grpc.server.port=" + port,
                "--server.port=" + httpPort, "--polaroid.scheduler.heartbeat-timeout=2s"));
        args.addAll(List.of(extraCoordinatorArgs));
        this.coordinator = start("coordinator", args);
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        for (int i = 0; i < workerCount; i++) {
            addWorker();
        }
        awaitWorkers(workerCount);
    }

    public void addWorker() {
        int p = freePort();
        workerPorts.add(p);
        workers.add(start("worker" + workers.size(), List.of("--polaroid.role=worker",
                "--polaroid.worker.coordinator=127.0.0.1:" + port, "--spring.grpc.server.port=" + p,
                "--server.port=" + freePort(), "--polaroid.engine.threads=1", "--polaroid.worker.slots=1")));
    }

    private Process start(String role, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : System.getProperty("polaroid.jvm.flags", "--add-opens=java.base/java.nio=ALL-UNNAMED").split(" ")) {
            if (!flag.isBlank()) {
                cmd.add(flag);
            }
        }
        cmd.addAll(List.of("-Xmx768m", "-XX:MaxDirectMemorySize=1g",
                "-Darrow.allocation.manager.type=Unsafe", "-cp", classpath(), PolaroidServer.class.getName()));
        cmd.add("--polaroid.data.roots=" + String.join(",", roots));
        cmd.addAll(args);
        Path logs = Path.of("target", "cluster-logs", name);
        try {
            Files.createDirectories(logs);
            return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logs.resolve(role + ".log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void awaitWorkers(int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!coordinator.isAlive()) {
                throw new IllegalStateException("the coordinator exited; see target/cluster-logs/" + name);
            }
            try {
                int live = PolaroidConnectGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
                        .listWorkers(ListWorkersRequest.getDefaultInstance()).getWorkersCount();
                if (live == n) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // still starting
            }
            sleep(200);
        }
        throw new IllegalStateException(n + " workers did not register within 90 s; see target/cluster-logs/" + name);
    }

    public String url() {
        return "grpc://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int httpPort() {
        return httpPort;
    }

    public ManagedChannel channel() {
        return channel;
    }

    public int workerCount() {
        return workers.size();
    }

    /** {@code kill -9} of one worker. */
    public void kill(int worker) {
        workers.get(worker).destroyForcibly();
        try {
            workers.get(worker).waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive(int worker) {
        return workers.get(worker).isAlive();
    }

    public WorkerStatus workerStatus(int worker) {
        ManagedChannel c = NettyChannelBuilder.forAddress("127.0.0.1", workerPorts.get(worker)).usePlaintext().build();
        try {
            return WorkerTasksGrpc.newBlockingStub(c).withDeadlineAfter(5, TimeUnit.SECONDS).status(StatusRequest.getDefaultInstance());
        } finally {
            c.shutdownNow();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        for (Process p : workers) {
            p.destroy();
        }
        coordinator.destroy();
        for (Process p : workers) {
            waitOrKill(p);
        }
        waitOrKill(coordinator);
    }

    private static void waitOrKill(Process p) {
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }
}
