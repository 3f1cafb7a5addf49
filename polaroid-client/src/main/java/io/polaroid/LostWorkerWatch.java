package io.polaroid;

import io.polaroid.remote.EndpointReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Ends the reads that wait on a worker the coordinator has declared dead. A worker that froze
 * keeps its connections open and sends nothing, so a read from it would wait until it wakes up;
 * a wall-clock timeout would instead cut slow but healthy producers. So a read that has waited
 * for its next batch longer than {@value #STALL_MILLIS} ms asks the coordinator which workers are
 * alive, and is abandoned only when its producer is not among them.
 */
final class LostWorkerWatch implements AutoCloseable {
    private static final long STALL_MILLIS = 500;
    private static final long CHECK_MILLIS = 250;

    private final Set<EndpointReader> readers = ConcurrentHashMap.newKeySet();
    private final Supplier<Set<String>> liveWorkers;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "polaroid-lost-worker-watch");
        t.setDaemon(true);
        return t;
    });

    /** {@code liveWorkers}: the host:port of every worker the coordinator holds alive. */
    LostWorkerWatch(Supplier<Set<String>> liveWorkers) {
        this.liveWorkers = liveWorkers;
        timer.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void track(EndpointReader reader) {
        readers.add(reader);
        reader.onClose(() -> readers.remove(reader));
    }

    private void check() {
        List<EndpointReader> stalled = new ArrayList<>();
        for (EndpointReader r : readers) {
            if (r.waitingNanos() > TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS)) {
                stalled.add(r);
            }
        }
        if (stalled.isEmpty()) {
            return;
        }
        Set<String> live;
        try {
            live = liveWorkers.get();
        } catch (RuntimeException coordinatorUnreachable) {
            return; // nothing is known: keep waiting
        }
        for (EndpointReader r : stalled) {
            if (!live.contains(r.address())) {
                r.abandon("its worker was declared dead while the read waited");
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
