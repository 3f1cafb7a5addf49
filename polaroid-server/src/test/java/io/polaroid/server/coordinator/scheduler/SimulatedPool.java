package io.polaroid.server.coordinator.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A worker registry without processes: workers register (a new epoch each time, the old one at
 * the same address dies, as in {@code WorkerRegistry}), die when the scheduler declares them lost
 * or when a test says their heartbeats stopped, and every death is told to the listeners.
 */
public final class SimulatedPool implements WorkerPool {
    private final Map<String, SimulatedWorker> byAddress = new ConcurrentHashMap<>();
    private final List<Consumer<Worker>> listeners = new CopyOnWriteArrayList<>();
    private final List<String> lostReasons = new CopyOnWriteArrayList<>();
    private volatile List<SimulatedWorker> live = List.of();
    private long epochs;

    /** Registers a worker at {@code address}: a new epoch; the previous one there is dead. */
    public synchronized SimulatedWorker register(String address, int slots) {
        SimulatedWorker w = new SimulatedWorker(address, ++epochs, slots);
        SimulatedWorker old = byAddress.put(address, w);
        refresh();
        if (old != null) {
            died(old);
        }
        return w;
    }

    /** The worker's heartbeats stopped: the pool declares it dead on its own. */
    public void kill(SimulatedWorker w) {
        remove(w);
    }

    @Override
    public List<SimulatedWorker> live() {
        return live;
    }

    @Override
    public Worker byAddress(String address) {
        return byAddress.get(address);
    }

    @Override
    public void lost(Worker worker, String why) {
        if (remove((SimulatedWorker) worker)) {
            lostReasons.add(worker.address() + ": " + why);
        }
    }

    /** What the scheduler said when it declared workers lost. */
    public List<String> lostReasons() {
        return lostReasons;
    }

    @Override
    public Runnable onLoss(Consumer<Worker> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private boolean remove(SimulatedWorker w) {
        synchronized (this) {
            if (!byAddress.remove(w.address(), w)) {
                return false;
            }
            refresh();
        }
        died(w);
        return true;
    }

    private void died(SimulatedWorker w) {
        w.die();
        listeners.forEach(l -> l.accept(w));
    }

    private void refresh() {
        List<SimulatedWorker> list = new ArrayList<>(byAddress.values());
        list.sort(Comparator.comparing(SimulatedWorker::address));
        live = List.copyOf(list);
    }
}
