package io.polaroid.server.coordinator;

import io.polaroid.server.common.DaemonThreads;
import io.polaroid.remote.Authorization;
import io.polaroid.remote.Transport;
import io.polaroid.server.config.SchedulerProperties;
import io.polaroid.server.coordinator.scheduler.Worker;
import io.polaroid.server.coordinator.scheduler.WorkerPool;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers that registered and still send heartbeats. A worker silent for longer than the
 * heartbeat timeout, or one a task could not reach, is dead: it leaves the registry, and the
 * queries that had work on it run that work elsewhere. Each registration opens a new epoch (a new
 * {@link WorkerHandle}); a dead epoch never comes back: a worker that was declared dead and
 * resumes finds its heartbeats refused, drops what it held, and registers as a new epoch.
 */
public final class WorkerRegistry implements WorkerPool, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerRegistry.class);

    private final Map<String, WorkerHandle> workers = new ConcurrentHashMap<>();
    private final AtomicLong epochs = new AtomicLong();
    /** Tells a worker that this coordinator restarted: it is new with every process. */
    private final String coordinatorId = UUID.randomUUID().toString();
    private final long timeoutMillis;
    private final int maxSlots;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("polaroid-worker-sweeper"));

    private final Authorization internal;
    /** Running queries that want to hear of each death at once (instead of polling their holders). */
    private final List<Consumer<Worker>> lossListeners = new CopyOnWriteArrayList<>();
    /** Told of each new registration (the worker warm-up). */
    private final List<Consumer<WorkerHandle>> registrationListeners = new CopyOnWriteArrayList<>();

    private final Transport transport;

    /** {@code internal}: the credential calls to workers carry, over {@code transport}. */
    public WorkerRegistry(SchedulerProperties props, Authorization internal, Transport transport) {
        this.internal = internal;
        this.transport = transport;
        this.timeoutMillis = props.heartbeatTimeout().toMillis();
        this.maxSlots = props.maxSlotsPerWorker();
        sweeper.scheduleWithFixedDelay(this::sweep, 100, 100, TimeUnit.MILLISECONDS);
    }

    public String coordinatorId() {
        return coordinatorId;
    }

    /**
     * Registers a worker as a new epoch, which it returns; an earlier registration of the same id
     * or address is dead from now on. Declared slots are capped at {@code maxSlotsPerWorker}.
     */
    public synchronized long register(String id, String address, int slots) {
        for (WorkerHandle w : new ArrayList<>(workers.values())) {
            if (w.address().equals(address) && !w.id().equals(id)) {
                remove(w, "a new worker registered at its address");
            }
        }
        int granted = Math.min(maxSlots, Math.max(1, slots));
        long epoch = epochs.incrementAndGet();
        WorkerHandle old = workers.put(id, new WorkerHandle(id, address, granted, epoch, internal, transport));
        if (old != null) {
            old.markDead();
            lossListeners.forEach(l -> l.accept(old));
        }
        log.info("worker {} registered at {} with {} slots{}, epoch {} ({} live)", id, address, granted,
                granted < slots ? " (of " + slots + " declared)" : "", epoch, workers.size());
        WorkerHandle registered = workers.get(id);
        registrationListeners.forEach(l -> l.accept(registered));
        return epoch;
    }

    /** False when the worker is not registered under this epoch (it should drop its work and register again). */
    public boolean heartbeat(String id, long epoch, int runningTasks, long memoryBytes, long memoryLimitBytes) {
        WorkerHandle w = workers.get(id);
        if (w == null || w.epoch() != epoch) {
            return false;
        }
        w.heartbeat(runningTasks, memoryBytes, memoryLimitBytes);
        return true;
    }

    @Override
    public List<WorkerHandle> live() {
        List<WorkerHandle> list = new ArrayList<>(workers.values());
        list.sort(Comparator.comparing(WorkerHandle::address));
        return list;
    }

    public int totalSlots() {
        return workers.values().stream().mapToInt(WorkerHandle::slots).sum();
    }

    @Override
    public WorkerHandle byAddress(String address) {
        for (WorkerHandle w : workers.values()) {
            if (w.address().equals(address)) {
                return w;
            }
        }
        return null;
    }

    /** Declares a worker dead (a task could not reach it). */
    @Override
    public void lost(Worker w, String why) {
        if (w instanceof WorkerHandle h) {
            remove(h, why);
        }
    }

    /** Calls {@code listener} with each worker that registers from now on (on the registering thread: keep it short). */
    public void onRegister(Consumer<WorkerHandle> listener) {
        registrationListeners.add(listener);
    }

    @Override
    public Runnable onLoss(Consumer<Worker> listener) {
        lossListeners.add(listener);
        return () -> lossListeners.remove(listener);
    }

    private synchronized void remove(WorkerHandle w, String why) {
        if (workers.remove(w.id(), w)) {
            w.markDead();
            log.warn("worker {} at {} is dead: {} ({} live)", w.id(), w.address(), why, workers.size());
            lossListeners.forEach(l -> l.accept(w));
        }
    }

    private void sweep() {
        for (WorkerHandle w : workers.values()) {
            if (w.millisSinceHeartbeat() > timeoutMillis) {
                remove(w, "no heartbeat for " + w.millisSinceHeartbeat() + " ms");
            }
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        workers.values().forEach(WorkerHandle::markDead);
        workers.clear();
    }
}
