package io.polaroid.server.coordinator.scheduler;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.time.Duration;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Chooses the live worker with the most free slots (the least tasks assigned per slot, over all
 * queries; ties go to the first in address order). A round of placements takes one snapshot of
 * the live workers and keeps them in a heap by load, so placing a stage's thousands of tasks
 * costs a log of the worker count each, not a pass over every worker. A worker's load is checked
 * again when it comes out of the heap (other queries place tasks too), and dead ones are dropped.
 * With no live worker it waits, a bounded time, for one to register.
 */
final class LeastLoadedPlacement {
    private static final long POLL_MILLIS = 20;

    private final String queryId;
    private final WorkerPool pool;
    private final Duration workerWait;
    private final StopConditions stop;
    private List<? extends Worker> workers;
    private double[] loads;
    private PriorityQueue<Integer> heap;

    LeastLoadedPlacement(String queryId, WorkerPool pool, Duration workerWait, StopConditions stop) {
        this.queryId = queryId;
        this.pool = pool;
        this.workerWait = workerWait;
        this.stop = stop;
    }

    /** Starts a new round: the next placement looks at the live workers afresh. */
    void newRound() {
        heap = null;
    }

    /** The worker for the next task; the caller assigns the task to it before it asks again. */
    Worker pick() {
        while (true) {
            if (heap == null || heap.isEmpty()) {
                snapshot();
            }
            int i = heap.poll();
            Worker w = workers.get(i);
            if (!w.isAlive()) {
                continue;
            }
            double now = load(w);
            if (now > loads[i]) {
                loads[i] = now; // another query placed tasks on it meanwhile
                heap.add(i);
                continue;
            }
            loads[i] = (w.assigned().get() + 1.0) / w.slots();
            heap.add(i);
            return w;
        }
    }

    private static double load(Worker w) {
        return (double) w.assigned().get() / w.slots();
    }

    private void snapshot() {
        long waitUntil = System.nanoTime() + workerWait.toNanos();
        while (true) {
            workers = pool.live();
            if (!workers.isEmpty()) {
                loads = new double[workers.size()];
                for (int i = 0; i < loads.length; i++) {
                    loads[i] = load(workers.get(i));
                }
                heap = new PriorityQueue<>(workers.size(), (a, b) -> loads[a] != loads[b]
                        ? Double.compare(loads[a], loads[b]) : Integer.compare(a, b));
                for (int i = 0; i < loads.length; i++) {
                    heap.add(i);
                }
                return;
            }
            if (System.nanoTime() > waitUntil) {
                throw new PolaroidException(ErrorCode.IO_ERROR, "query " + queryId + ": no live worker to run its tasks (waited "
                        + workerWait.toMillis() + " ms)");
            }
            stop.check();
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                throw stop.interrupted();
            }
        }
    }
}
