package io.polaroid.server.worker;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.polaroid.proto.v1.HeartbeatRequest;
import io.polaroid.proto.v1.RegisterRequest;
import io.polaroid.proto.v1.WorkerRegistryGrpc;
import io.polaroid.server.config.WorkerProperties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this worker in the coordinator's registry: registers once the gRPC server is up (retrying
 * until the coordinator answers), then sends heartbeats; registers again when the coordinator
 * no longer knows it (it restarted).
 */
public final class CoordinatorLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CoordinatorLink.class);

    private final String id = "worker-" + UUID.randomUUID().toString().substring(0, 8);
    private final WorkerProperties props;
    private final TaskService tasks;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "polaroid-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private ManagedChannel channel;
    private volatile String address;
    private volatile boolean registered;

    public CoordinatorLink(WorkerProperties props, TaskService tasks) {
        this.props = props;
        this.tasks = tasks;
    }

    public String id() {
        return id;
    }

    /** Starts registering, as {@code advertisedHost:port}, with the coordinator at {@code coordinator}. */
    public synchronized void start(String coordinator, int port) {
        this.address = props.advertisedHost() + ":" + port;
        this.channel = NettyChannelBuilder.forTarget(coordinator).usePlaintext().build();
        log.info("worker {} at {} joining the coordinator at {}", id, address, coordinator);
        long interval = props.heartbeatInterval().toMillis();
        timer.scheduleWithFixedDelay(this::beat, 0, interval, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            WorkerRegistryGrpc.WorkerRegistryBlockingStub stub = WorkerRegistryGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(2, TimeUnit.SECONDS);
            if (!registered) {
                stub.register(RegisterRequest.newBuilder().setId(id).setAddress(address).setSlots(props.slots()).build());
                registered = true;
                log.info("worker {} registered", id);
                return;
            }
            stub.heartbeat(HeartbeatRequest.newBuilder().setId(id).setRunningTasks(tasks.runningTasks())
                    .setMemoryBytes(tasks.status().getMemoryBytes()).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                registered = false;
            } else {
                log.debug("coordinator not reachable: {}", e.getStatus());
            }
        } catch (RuntimeException e) {
            log.warn("heartbeat failed", e);
        }
    }

    public boolean isRegistered() {
        return registered;
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        if (channel != null) {
            channel.shutdownNow();
        }
    }
}
