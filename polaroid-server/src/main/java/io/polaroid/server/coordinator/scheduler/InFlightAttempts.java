package io.polaroid.server.coordinator.scheduler;

import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The attempts sent and not yet ended, at most one per task, in flat arrays indexed by stage and
 * task (no object per attempt but the client's canceller): "is this task running", "is this the
 * current attempt" and "what runs on this worker" are each answered without a scan of the rest.
 * Ending an attempt here (it finished, or it was abandoned) gives its slot back on its worker.
 */
final class InFlightAttempts implements RunningAttempts {
    private final int[][] attempt;
    private final Worker[][] worker;
    private final Runnable[][] cancel;
    private final BitSet[] running;
    private final Map<Worker, TaskRefs> byWorker = new IdentityHashMap<>();
    private int count;

    InFlightAttempts(TaskTable table, int stages) {
        attempt = new int[stages][];
        worker = new Worker[stages][];
        cancel = new Runnable[stages][];
        running = new BitSet[stages];
        for (int s = 0; s < stages; s++) {
            int n = table.tasks(s);
            attempt[s] = new int[n];
            worker[s] = new Worker[n];
            cancel[s] = new Runnable[n];
            running[s] = new BitSet(n);
        }
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Notes an attempt about to be sent to {@code on}, and takes one of its slots. */
    void start(int stage, int task, int number, Worker on) {
        attempt[stage][task] = number;
        worker[stage][task] = on;
        running[stage].set(task);
        byWorker.computeIfAbsent(on, w -> new TaskRefs()).add(stage, task);
        on.assigned().incrementAndGet();
        count++;
    }

    void cancelWith(int stage, int task, Runnable canceller) {
        cancel[stage][task] = canceller;
    }

    /** True while {@code number} is the running attempt of the task (a late report of another is ignored). */
    boolean isCurrent(int stage, int task, int number) {
        return running[stage].get(task) && attempt[stage][task] == number;
    }

    Worker worker(int stage, int task) {
        return worker[stage][task];
    }

    @Override
    public Worker runningOn(int stage, int task) {
        return running[stage].get(task) ? worker[stage][task] : null;
    }

    @Override
    public int runningAttempt(int stage, int task) {
        return attempt[stage][task];
    }

    /** The number of the task's running attempt. */
    int attempt(int stage, int task) {
        return attempt[stage][task];
    }

    /** The attempt ended (its report arrived): forgets it and gives its slot back. */
    Worker end(int stage, int task) {
        Worker on = worker[stage][task];
        attempt[stage][task] = 0;
        worker[stage][task] = null;
        cancel[stage][task] = null;
        running[stage].clear(task);
        on.assigned().decrementAndGet();
        count--;
        return on;
    }

    /** Stops an attempt whose output is no longer wanted; its worker frees what it made. */
    Worker abandon(int stage, int task) {
        Runnable c = cancel[stage][task];
        if (c != null) {
            c.run();
        }
        return end(stage, task);
    }

    /** The tasks of the stage with an attempt running. */
    BitSet running(int stage) {
        return running[stage];
    }

    /** The attempts sent to a registration, handed over once; entries may be stale (check the worker). */
    TaskRefs takeSentTo(Worker on) {
        TaskRefs sent = byWorker.remove(on);
        return sent == null ? new TaskRefs() : sent;
    }

    void abandonAll() {
        for (int s = 0; s < running.length; s++) {
            for (int t = running[s].nextSetBit(0); t >= 0; t = running[s].nextSetBit(t + 1)) {
                abandon(s, t);
            }
        }
    }

    /** Bytes of these arrays and indexes (the cancellers are the client's), for the simulation's account. */
    long retainedBytes() {
        long total = 0;
        for (int s = 0; s < attempt.length; s++) {
            int n = attempt[s].length;
            total += 3 * (16L + 4L * n) + 16 + 8 * ((n + 63) / 64) + 32;
        }
        for (TaskRefs refs : byWorker.values()) {
            total += refs.retainedBytes() + 48;
        }
        return total;
    }
}
