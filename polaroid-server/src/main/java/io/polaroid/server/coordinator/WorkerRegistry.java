package io.polaroid.server.coordinator;

import io.polaroid.server.config.SchedulerProperties;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers that registered and still send heartbeats. A worker silent for longer than the
 * heartbeat timeout, or one a task could not reach, is dead: it leaves the registry, and the
 * queries that had work on it run that work elsewhere.
 */
public final class WorkerRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerRegistry.class);

    private final Map<String, WorkerHandle> workers = new ConcurrentHashMap<>();
    private final long timeoutMillis;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "polaroid-worker-sweeper");
        t.setDaemon(true);
        return t;
    });

    public WorkerRegistry(SchedulerProperties props) {
        this.timeoutMillis = props.heartbeatTimeout().toMillis();
        sweeper.scheduleWithFixedDelay(this::sweep, 100, 100, TimeUnit.MILLISECONDS);
    }

    public synchronized void register(String id, String address, int slots) {
        for (WorkerHandle w : new ArrayList<>(workers.values())) {
            if (w.address().equals(address) && !w.id().equals(id)) {
                remove(w, "a new worker registered at its address");
            }
        }
        WorkerHandle old = workers.put(id, new WorkerHandle(id, address, Math.max(1, slots)));
        if (old != null) {
            old.markDead();
        }
        log.info("worker {} registered at {} with {} slots ({} live)", id, address, slots, workers.size());
    }

    /** False when the worker is not registered (it should register again). */
    public boolean heartbeat(String id, int runningTasks) {
        WorkerHandle w = workers.get(id);
        if (w == null) {
            return false;
        }
        w.heartbeat(runningTasks);
        return true;
    }

    public List<WorkerHandle> live() {
        List<WorkerHandle> list = new ArrayList<>(workers.values());
        list.sort(Comparator.comparing(WorkerHandle::address));
        return list;
    }

    public int totalSlots() {
        return workers.values().stream().mapToInt(WorkerHandle::slots).sum();
    }

    public WorkerHandle byAddress(String address) {
        for (WorkerHandle w : workers.values()) {
            if (w.address().equals(address)) {
                return w;
            }
        }
        return null;
    }

    /** Declares a worker dead (a task could not reach it). */
    public void lost(WorkerHandle w, String why) {
        remove(w, why);
    }

    private synchronized void remove(WorkerHandle w, String why) {
        if (workers.remove(w.id(), w)) {
            w.markDead();
            log.warn("worker {} at {} is dead: {} ({} live)", w.id(), w.address(), why, workers.size());
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
