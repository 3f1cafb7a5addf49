package io.polaroid.server.coordinator.scheduler;

import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.distributed.Stage;
import io.polaroid.proto.v1.RunTaskResponse;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the query has made so far, one slot per task in flat arrays: which registration holds the
 * task's final output, which attempt made it and what it reported, how many attempts were
 * started and how many were lost with their worker. Per stage it counts the tasks still missing,
 * so readiness is a counter test, and keeps the set of missing tasks not running ({@link #toRun}),
 * so submitting never scans a stage. Per worker it lists the outputs it holds, so a lost worker
 * costs only what it held. Only the scheduling thread writes it; status readers may see it a
 * moment late.
 */
public final class TaskTable {
    private final Worker[][] holders;
    private final int[][] finalAttempt;
    private final RunTaskResponse[][] outputs;
    private final long[][] rows;
    private final long[][] bytes;
    private final int[][] attempts;
    private final int[][] failures;
    private final int[] missing;
    /** Bumped whenever a holder of the stage changes: requests built from it are stale. */
    private final int[] versions;
    private final BitSet[] toRun;
    private final Map<Worker, TaskRefs> heldBy = new IdentityHashMap<>();
    private final AtomicInteger tasksDone = new AtomicInteger();
    private final AtomicInteger tasksRetried = new AtomicInteger();
    private final AtomicLong rowsScanned = new AtomicLong();
    private final AtomicLong bytesScanned = new AtomicLong();
    private final AtomicLong spilledBytes = new AtomicLong();

    public TaskTable(DistributedPlan plan) {
        int n = plan.stages().size();
        holders = new Worker[n][];
        finalAttempt = new int[n][];
        outputs = new RunTaskResponse[n][];
        rows = new long[n][];
        bytes = new long[n][];
        attempts = new int[n][];
        failures = new int[n][];
        missing = new int[n];
        versions = new int[n];
        toRun = new BitSet[n];
        for (Stage s : plan.stages()) {
            int tasks = s.tasks();
            holders[s.id()] = new Worker[tasks];
            finalAttempt[s.id()] = new int[tasks];
            outputs[s.id()] = new RunTaskResponse[tasks];
            rows[s.id()] = new long[tasks];
            bytes[s.id()] = new long[tasks];
            attempts[s.id()] = new int[tasks];
            failures[s.id()] = new int[tasks];
            missing[s.id()] = tasks;
            toRun[s.id()] = new BitSet(tasks);
            toRun[s.id()].set(0, tasks);
        }
    }

    public int stages() {
        return holders.length;
    }

    public int tasks(int stage) {
        return holders[stage].length;
    }

    public int missing(int stage) {
        return missing[stage];
    }

    public int version(int stage) {
        return versions[stage];
    }

    public Worker holder(int stage, int task) {
        return holders[stage][task];
    }

    public int finalAttempt(int stage, int task) {
        return finalAttempt[stage][task];
    }

    public RunTaskResponse output(int stage, int task) {
        return outputs[stage][task];
    }

    public long rows(int stage, int task) {
        return rows[stage][task];
    }

    public long bytes(int stage, int task) {
        return bytes[stage][task];
    }

    /** Missing tasks of the stage that no attempt is running, in task order. */
    BitSet toRun(int stage) {
        return toRun[stage];
    }

    /** The number of the next attempt of a task (1 for the first); counts retries. */
    int nextAttempt(int stage, int task) {
        int attempt = ++attempts[stage][task];
        if (attempt > 1) {
            tasksRetried.incrementAndGet();
        }
        return attempt;
    }

    /** Counts an attempt lost with its worker; returns how many the task has lost. */
    int countFailure(int stage, int task) {
        return ++failures[stage][task];
    }

    /** The most failures charged to one task of the query so far. */
    int mostFailures() {
        int most = 0;
        for (int[] stage : failures) {
            for (int f : stage) {
                most = Math.max(most, f);
            }
        }
        return most;
    }

    /** Records the attempt whose output is final from now on. */
    void record(int stage, int task, Worker holder, int attempt, RunTaskResponse response) {
        if (holders[stage][task] == null) {
            missing[stage]--;
        }
        holders[stage][task] = holder;
        versions[stage]++;
        finalAttempt[stage][task] = attempt;
        outputs[stage][task] = response;
        long r = 0;
        for (int i = 0; i < response.getPartitionRowsCount(); i++) {
            r += response.getPartitionRows(i);
        }
        long b = 0;
        for (int i = 0; i < response.getPartitionBytesCount(); i++) {
            b += response.getPartitionBytes(i);
        }
        rows[stage][task] = r;
        bytes[stage][task] = b;
        rowsScanned.addAndGet(response.getRowsScanned());
        bytesScanned.addAndGet(response.getBytesScanned());
        spilledBytes.addAndGet(response.getSpilledBytes());
        tasksDone.incrementAndGet();
        heldBy.computeIfAbsent(holder, w -> new TaskRefs()).add(stage, task);
    }

    /** Forgets a task's output (its holder died, or a reader lost it): it must run again. */
    void forget(int stage, int task) {
        if (holders[stage][task] != null) {
            holders[stage][task] = null;
            missing[stage]++;
            versions[stage]++;
            toRun[stage].set(task);
        }
    }

    /** The outputs a dead registration held, handed over once; entries may be stale. */
    TaskRefs takeHeldBy(Worker worker) {
        TaskRefs held = heldBy.remove(worker);
        return held == null ? new TaskRefs() : held;
    }

    /** True when {@code worker} holds the final output of some task of {@code stage}. */
    boolean holdsAny(Worker worker, int stage) {
        TaskRefs held = heldBy.get(worker);
        if (held != null) {
            for (int i = 0; i < held.size(); i++) {
                if (held.stage(i) == stage && holders[stage][held.task(i)] == worker) {
                    return true;
                }
            }
        }
        return false;
    }

    public int tasksDone() {
        return tasksDone.get();
    }

    public int tasksRetried() {
        return tasksRetried.get();
    }

    public long rowsScanned() {
        return rowsScanned.get();
    }

    public long bytesScanned() {
        return bytesScanned.get();
    }

    /** Bytes the query's finished tasks wrote to spill files. */
    public long spilledBytes() {
        return spilledBytes.get();
    }

    /**
     * Bytes of this table's own arrays and indexes (not the responses it points to): what the
     * simulation reports per task. Array headers are 16 bytes, references 4 (compressed oops).
     */
    long retainedBytes() {
        long total = 0;
        for (int s = 0; s < holders.length; s++) {
            int n = holders[s].length;
            total += 5 * (16L + 4L * n) + 2 * (16L + 8L * n) + 16 + 8 * ((n + 63) / 64) + 32;
        }
        for (TaskRefs refs : heldBy.values()) {
            total += refs.retainedBytes() + 48; // and the map entry
        }
        return total;
    }
}
