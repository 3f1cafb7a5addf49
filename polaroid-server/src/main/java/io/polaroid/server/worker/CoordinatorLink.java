package io.polaroid.server.worker;

import io.polaroid.server.common.DaemonThreads;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.polaroid.proto.v1.HeartbeatRequest;
import io.polaroid.proto.v1.HeartbeatResponse;
import io.polaroid.proto.v1.RegisterRequest;
import io.polaroid.proto.v1.RegisterResponse;
import io.polaroid.proto.v1.WorkerRegistryGrpc;
import io.polaroid.remote.Authorization;
import io.polaroid.remote.Transport;
import io.polaroid.server.config.WorkerProperties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this worker in the coordinator's registry: registers once the gRPC server is up (retrying
 * until the coordinator answers), then sends heartbeats. Each registration has an epoch, and the
 * work of an epoch dies with it:
 * <ul>
 *   <li>the coordinator no longer knows this worker under its epoch (it declared the worker dead,
 *       or it restarted): every query held here is freed, then the worker registers anew;</li>
 *   <li>the coordinator answers with another id (it restarted): the same;</li>
 *   <li>the coordinator has not answered for {@code orphanTimeout}: its queries are freed, since
 *       nobody is left to read their output, and the worker registers anew when it is back.</li>
 * </ul>
 */
public final class CoordinatorLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CoordinatorLink.class);

    private final String id = "worker-" + UUID.randomUUID().toString().substring(0, 8);
    private final WorkerProperties props;
    private final TaskService tasks;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("polaroid-heartbeat"));
    private ManagedChannel channel;
    private volatile String address;
    private volatile boolean registered;
    private volatile long epoch;
    private volatile String coordinatorId = "";
    private volatile long lastAnswerNanos = System.nanoTime();

    private final Authorization internal;

    private final Transport transport;

    /** {@code internal}: the credential calls to the coordinator carry, over {@code transport}. */
    public CoordinatorLink(WorkerProperties props, TaskService tasks, Authorization internal, Transport transport) {
        this.props = props;
        this.tasks = tasks;
        this.internal = internal;
        this.transport = transport;
    }

    public String id() {
        return id;
    }

    /** Starts registering, as {@code advertisedHost:port}, with the coordinator at {@code coordinator}. */
    public synchronized void start(String coordinator, int port) {
        this.address = props.advertisedHost() + ":" + port;
        this.channel = transport.channel(coordinator, internal.grpc());
        log.info("worker {} at {} joining the coordinator at {}", id, address, coordinator);
        long interval = props.heartbeatInterval().toMillis();
        timer.scheduleWithFixedDelay(this::beat, 0, interval, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            WorkerRegistryGrpc.WorkerRegistryBlockingStub stub = WorkerRegistryGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(2, TimeUnit.SECONDS);
            if (!registered) {
                register(stub);
                return;
            }
            io.polaroid.proto.v1.WorkerStatus status = tasks.status();
            HeartbeatResponse answer = stub.heartbeat(HeartbeatRequest.newBuilder().setId(id).setEpoch(epoch)
                    .setRunningTasks(tasks.runningTasks()).setMemoryBytes(status.getMemoryBytes())
                    .setMemoryLimitBytes(status.getMemoryLimitBytes()).build());
            lastAnswerNanos = System.nanoTime();
            if (!answer.getCoordinatorId().equals(coordinatorId)) {
                endEpoch("the coordinator restarted (" + coordinatorId + " -> " + answer.getCoordinatorId() + ")");
            }
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                lastAnswerNanos = System.nanoTime();
                endEpoch("the coordinator no longer knows epoch " + epoch + " of this worker");
            } else {
                log.debug("coordinator not reachable: {}", e.getStatus());
                orphanCheck();
            }
        } catch (RuntimeException e) {
            log.warn("heartbeat failed", e);
        }
    }

    private void register(WorkerRegistryGrpc.WorkerRegistryBlockingStub stub) {
        RegisterResponse r = stub.register(RegisterRequest.newBuilder().setId(id).setAddress(address).setSlots(props.slots())
                .build());
        lastAnswerNanos = System.nanoTime();
        epoch = r.getEpoch();
        coordinatorId = r.getCoordinatorId();
        tasks.epoch(epoch);
        registered = true;
        log.info("worker {} registered with coordinator {}, epoch {}", id, coordinatorId, epoch);
    }

    /** Frees the work of this registration; the next beat registers anew. */
    private void endEpoch(String why) {
        registered = false;
        tasks.epoch(-1);
        tasks.cancelAll(why);
    }

    private void orphanCheck() {
        long silentNanos = System.nanoTime() - lastAnswerNanos;
        if (registered && silentNanos > props.orphanTimeout().toNanos()) {
            endEpoch("the coordinator has not answered for " + TimeUnit.NANOSECONDS.toMillis(silentNanos) + " ms");
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
