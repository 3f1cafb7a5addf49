package io.polaroid.server.coordinator;

import io.grpc.ManagedChannel;
import io.polaroid.proto.v1.WorkerTasksGrpc;
import io.polaroid.remote.Authorization;
import io.polaroid.remote.Transport;
import io.polaroid.server.coordinator.scheduler.Worker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One registration (epoch) of a worker: where it is, how many tasks it takes, when it was last
 * heard of. Once dead it stays dead; the worker comes back as a new handle with a new epoch.
 */
public final class WorkerHandle implements Worker {
    private final String id;
    private final String address;
    private final int slots;
    private final long epoch;
    private final ManagedChannel channel;
    private final AtomicInteger assigned = new AtomicInteger();
    private volatile long lastHeartbeatNanos = System.nanoTime();
    private volatile int runningTasks;
    private volatile long memoryBytes;
    private volatile long memoryLimitBytes;
    private volatile boolean alive = true;

    WorkerHandle(String id, String address, int slots, long epoch, Authorization internal, Transport transport) {
        this.id = id;
        this.address = address;
        this.slots = slots;
        this.epoch = epoch;
        this.channel = transport.channel(address, internal.grpc());
    }

    public String id() {
        return id;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public long epoch() {
        return epoch;
    }

    @Override
    public boolean isAlive() {
        return alive;
    }

    void heartbeat(int running, long memory, long memoryLimit) {
        lastHeartbeatNanos = System.nanoTime();
        runningTasks = running;
        memoryBytes = memory;
        memoryLimitBytes = memoryLimit;
    }

    /** The most Arrow memory the worker's queries may hold, as its last heartbeat said. */
    public long memoryLimitBytes() {
        return memoryLimitBytes;
    }

    /** Arrow memory the worker's queries held at its last heartbeat. */
    public long memoryBytes() {
        return memoryBytes;
    }

    public long millisSinceHeartbeat() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeartbeatNanos);
    }

    public int runningTasks() {
        return runningTasks;
    }

    /** Tasks the coordinator has sent and not yet seen finish. */
    @Override
    public AtomicInteger assigned() {
        return assigned;
    }

    public WorkerTasksGrpc.WorkerTasksFutureStub tasks() {
        return WorkerTasksGrpc.newFutureStub(channel);
    }

    public WorkerTasksGrpc.WorkerTasksBlockingStub control() {
        return WorkerTasksGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
    }

    void markDead() {
        alive = false;
        channel.shutdownNow();
    }
}
