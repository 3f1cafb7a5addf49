package io.polaroid.server;

import io.grpc.ManagedChannel;
import io.polaroid.remote.Transport;
import io.polaroid.proto.v1.ListWorkersRequest;
import io.polaroid.proto.v1.PolaroidConnectGrpc;
import io.polaroid.proto.v1.StatusRequest;
import io.polaroid.proto.v1.WorkerStatus;
import io.polaroid.proto.v1.WorkerTasksGrpc;
import io.polaroid.remote.Authorization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * A coordinator and workers as separate JVM processes on loopback, started from the test
 * classpath, with logs under {@code target/cluster-logs}. Workers run with one engine thread and
 * one slot each, as on a 2-core machine split between two workers.
 */
public final class LocalCluster implements AutoCloseable {
    private final List<Process> workers = new ArrayList<>();
    private final List<Integer> workerPorts = new ArrayList<>();
    private final List<Integer> workerHttpPorts = new ArrayList<>();
    private final Process coordinator;
    private final int port;
    private final int httpPort;
    private final List<String> roots;
    private final String name;
    private final Map<String, String> coordinatorEnv;
    private final Map<String, String> workerEnv;
    private final Credentials credentials;
    private final Launcher launcher;
    private final ManagedChannel channel;
    /** TLS when the coordinator's environment gives it a certificate, trusting that certificate. */
    private final Transport transport;

    /**
     * The credentials of a cluster: those the test clients and this class present, and the
     * arguments that give them to the servers (none when the environment does).
     */
    public record Credentials(Authorization client, Authorization internal, List<String> serverArgs) {
        /** {@link TestCredentials}, on every server's command line. */
        public static Credentials ofTests() {
            TestCredentials c = TestCredentials.get();
            return new Credentials(c.client(), c.internal(), c.serverArgs());
        }
    }

    /** How a server process starts, from the JVM's command (java, flags, -cp, main class) and the server's arguments. */
    @FunctionalInterface
    public interface Launcher {
        /** The command to run; {@code env} is the process' environment, which the launcher may add to. */
        List<String> command(List<String> jvm, List<String> serverArgs, Map<String, String> env);

        /** The JVM itself. */
        Launcher DIRECT = (jvm, args, env) -> {
            List<String> cmd = new ArrayList<>(jvm);
            cmd.addAll(args);
            return cmd;
        };
    }

    public LocalCluster(String name, int workerCount, List<String> dataRoots, String... extraCoordinatorArgs) {
        this(name, workerCount, dataRoots, Map.of(), Map.of(), extraCoordinatorArgs);
    }

    /**
     * {@code coordinatorEnv}, {@code workerEnv}: environment variables of the processes, the
     * configuration a container gets; the command line, which sets ports, addresses and
     * {@code dataRoots} unless empty, wins over them.
     */
    public LocalCluster(String name, int workerCount, List<String> dataRoots, Map<String, String> coordinatorEnv,
                        Map<String, String> workerEnv, String... extraCoordinatorArgs) {
        this(name, workerCount, dataRoots, coordinatorEnv, workerEnv, Credentials.ofTests(), Launcher.DIRECT, extraCoordinatorArgs);
    }

    /**
     * As above, with the cluster's {@code credentials} (the servers get {@link Credentials#serverArgs()}
     * on their command lines; with none, the environment must configure {@code polaroid.security.*})
     * and a {@code launcher} that may start each server through a wrapper, such as the image's entrypoint.
     */
    public LocalCluster(String name, int workerCount, List<String> dataRoots, Map<String, String> coordinatorEnv,
                        Map<String, String> workerEnv, Credentials credentials, Launcher launcher, String... extraCoordinatorArgs) {
        this.name = name;
        this.roots = dataRoots;
        this.coordinatorEnv = Map.copyOf(coordinatorEnv);
        this.workerEnv = Map.copyOf(workerEnv);
        String certificate = coordinatorEnv.get("POLAROID_SECURITY_TLS_CERTIFICATE");
        this.transport = certificate == null ? Transport.PLAINTEXT : new Transport(true, Path.of(certificate));
        this.credentials = credentials;
        this.launcher = launcher;
        Server c = launch("coordinator", (grpc, http) -> {
            List<String> args = new ArrayList<>(List.of("--polaroid.role=coordinator", "--spring.grpc.server.port=" + grpc,
                    "--server.port=" + http, "--polaroid.scheduler.heartbeat-timeout=2s"));
            if (Arrays.stream(extraCoordinatorArgs).noneMatch(a -> a.startsWith("--polaroid.scheduler.single-task-rows="))) {
                // the test data is small: split its queries across the workers all the same, as large data is
                args.add("--polaroid.scheduler.single-task-rows=0");
            }
            args.addAll(List.of(extraCoordinatorArgs));
            return args;
        });
        this.coordinator = c.process();
        this.port = c.grpcPort();
        this.httpPort = c.httpPort();
        this.channel = transport.channel("127.0.0.1:" + port, credentials.client().grpc());
        try {
            for (int i = 0; i < workerCount; i++) {
                addWorker();
            }
            awaitWorkers(workerCount);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public void addWorker() {
        Server w = launch("worker" + workers.size(), (grpc, http) -> List.of("--polaroid.role=worker",
                "--polaroid.worker.coordinator=127.0.0.1:" + port, "--spring.grpc.server.port=" + grpc,
                "--server.port=" + http, "--polaroid.engine.threads=1", "--polaroid.worker.slots=1"));
        workers.add(w.process());
        workerPorts.add(w.grpcPort());
        workerHttpPorts.add(w.httpPort());
    }

    private record Server(Process process, int grpcPort, int httpPort) {
    }

    /**
     * Starts a server on two free ports and waits until it has started. Another process can take a
     * port between our choosing it and the server binding it; the server then exits, and is
     * started again on other ports.
     */
    private Server launch(String role, BiFunction<Integer, Integer, List<String>> argsForPorts) {
        Path log = logs().resolve(role + ".log");
        for (int attempt = 1; attempt <= 3; attempt++) {
            int grpc = freePort();
            int http = freePort();
            Process p = start(log, argsForPorts.apply(grpc, http), role.startsWith("worker") ? workerEnv : coordinatorEnv);
            if (awaitStarted(p, log)) {
                return new Server(p, grpc, http);
            }
            try {
                Files.move(log, logs().resolve(role + ".failed-" + attempt + ".log"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("the " + role + " did not start in 3 attempts; see target/cluster-logs/" + name);
    }

    /** True once the log says the server started; false if the process exited first. */
    private static boolean awaitStarted(Process p, Path log) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            boolean alive = p.isAlive();
            try {
                if (Files.readString(log).contains("Started PolaroidServer")) {
                    return true;
                }
            } catch (IOException notWrittenYet) {
                // the process has not opened its log yet
            }
            if (!alive) {
                return false;
            }
            sleep(100);
        }
        p.destroyForcibly();
        return false;
    }

    private Path logs() {
        return Path.of("target", "cluster-logs", name);
    }

    private Process start(Path log, List<String> args, Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : System.getProperty("polaroid.jvm.flags", "--add-opens=java.base/java.nio=ALL-UNNAMED").split(" ")) {
            if (!flag.isBlank()) {
                cmd.add(flag);
            }
        }
        cmd.addAll(List.of("-Xmx768m", "-XX:MaxDirectMemorySize=1g",
                "-Darrow.allocation.manager.type=Unsafe", "-cp", classpath(), PolaroidServer.class.getName()));
        List<String> serverArgs = new ArrayList<>();
        if (!roots.isEmpty()) {
            serverArgs.add("--polaroid.data.roots=" + String.join(",", roots));
        }
        serverArgs.addAll(credentials.serverArgs());
        // Test clusters start by the dozen and their first queries are not timed: no warm-up.
        serverArgs.add("--polaroid.engine.warm-up=false");
        serverArgs.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder().redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            builder.command(launcher.command(cmd, serverArgs, builder.environment()));
            return builder.start();
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
        return (transport.tls() ? "grpc+tls" : "grpc") + "://127.0.0.1:" + port;
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

    /** {@code kill -STOP} of one worker: it stays connected and answers nothing, as a frozen machine. */
    public void freeze(int worker) {
        signal(workers.get(worker), "-STOP");
    }

    /** {@code kill -CONT}: a frozen worker runs on. */
    public void resume(int worker) {
        signal(workers.get(worker), "-CONT");
    }

    /** {@code kill -9} of the coordinator. */
    public void killCoordinator() {
        coordinator.destroyForcibly();
        try {
            coordinator.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void signal(Process p, String signal) {
        try {
            int exit = new ProcessBuilder("kill", signal, Long.toString(p.pid())).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill " + signal + " " + p.pid() + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive(int worker) {
        return workers.get(worker).isAlive();
    }

    /** The process id of worker {@code worker}. */
    public long workerPid(int worker) {
        return workers.get(worker).pid();
    }

    /** Worker {@code worker}'s HTTP port (actuator and metrics). */
    public int workerHttpPort(int worker) {
        return workerHttpPorts.get(worker);
    }

    /** The gRPC port of worker {@code worker}, to call its WorkerTasks service directly. */
    public int workerPort(int worker) {
        return workerPorts.get(worker);
    }

    /**
     * Waits up to {@code withinMillis} for every live worker to run no task, hold no partition and
     * no Arrow memory, and asserts that it got there: what a query leaves behind is a leak.
     */
    public void assertWorkersHoldNothing(long withinMillis) {
        for (int w = 0; w < workerCount(); w++) {
            if (!isAlive(w)) {
                continue;
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(withinMillis);
            WorkerStatus s = workerStatus(w);
            while ((s.getMemoryBytes() != 0 || s.getRunningTasks() != 0 || s.getHeldPartitions() != 0)
                    && System.nanoTime() < deadline) {
                sleep(50);
                s = workerStatus(w);
            }
            if (s.getRunningTasks() != 0 || s.getHeldPartitions() != 0 || s.getMemoryBytes() != 0) {
                throw new AssertionError("worker " + w + " still holds work after " + withinMillis + " ms: " + s);
            }
        }
    }

    /** The epoch of a worker's current registration, as the coordinator lists it. */
    public long workerEpoch(int worker) {
        String address = "127.0.0.1:" + workerPorts.get(worker);
        return PolaroidConnectGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .listWorkers(ListWorkersRequest.getDefaultInstance()).getWorkersList().stream()
                .filter(w -> w.getAddress().equals(address)).findFirst()
                .orElseThrow(() -> new IllegalStateException("worker " + worker + " is not registered")).getEpoch();
    }

    public WorkerStatus workerStatus(int worker) {
        ManagedChannel c = transport.channel("127.0.0.1:" + workerPorts.get(worker), credentials.internal().grpc());
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
            if (p.isAlive()) {
                signal(p, "-CONT");
            }
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
