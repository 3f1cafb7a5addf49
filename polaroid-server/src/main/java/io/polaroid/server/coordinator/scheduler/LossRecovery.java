package io.polaroid.server.coordinator.scheduler;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.server.common.Tickets;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the scheduler does when outputs go away. A dead worker's outputs are forgotten (the
 * stages that still need them run those tasks again), the attempts running on it are abandoned
 * and count as failures, and the attempts reading a stage it held outputs of, or ran attempts of
 * (a pipelined reader reads an output while it is made), are abandoned (they would fail
 * reading), as are, transitively, the running readers of every stage abandoned that way. A partition a reader could not read whole on a live worker has its
 * producer run again. Every step costs what the worker held or ran, never a scan of the query.
 */
final class LossRecovery {
    private static final Logger log = LoggerFactory.getLogger(LossRecovery.class);

    private final String queryId;
    private final TaskTable table;
    private final InFlightAttempts inFlight;
    private final StageReadiness readiness;
    private final FailureBudget failures;

    LossRecovery(String queryId, TaskTable table, InFlightAttempts inFlight, StageReadiness readiness,
                 FailureBudget failures) {
        this.queryId = queryId;
        this.table = table;
        this.inFlight = inFlight;
        this.readiness = readiness;
        this.failures = failures;
    }

    void workerLost(Worker w) {
        TaskRefs held = table.takeHeldBy(w);
        int[] lostOutputs = new int[table.stages()];
        for (int i = 0; i < held.size(); i++) {
            int s = held.stage(i);
            int t = held.task(i);
            if (table.holder(s, t) == w) {
                table.forget(s, t);
                lostOutputs[s]++;
            }
        }
        logLostOutputs(w, lostOutputs);
        TaskRefs sent = inFlight.takeSentTo(w);
        boolean[] lostRunning = new boolean[table.stages()];
        for (int i = 0; i < sent.size(); i++) {
            int s = sent.stage(i);
            int t = sent.task(i);
            if (inFlight.running(s).get(t) && inFlight.worker(s, t) == w) {
                abandon(s, t);
                failures.count(s, t);
                lostRunning[s] = true;
            }
        }
        stopReaders(lostOutputs, lostRunning);
    }

    /**
     * An attempt of {@code stage} ended without its output (it failed, or its worker went away):
     * pipelined readers of that attempt would wait for batches that never come.
     */
    void attemptFailed(int stage) {
        if (!readiness.pipelined()) {
            return; // its readers, if any, read earlier attempts' outputs, which are still there
        }
        boolean[] failed = new boolean[table.stages()];
        failed[stage] = true;
        stopReaders(new int[table.stages()], failed);
    }

    /**
     * The readers of a stage that lost outputs or running attempts are abandoned, and so are the
     * readers of those readers, down the plan: a pipelined reader of an abandoned attempt must not
     * wait on that attempt's stopping (one blocked on a frozen worker may not). Without pipelining
     * a stage with lost running attempts has no running readers, so this stops only the readers of
     * lost outputs.
     */
    private void stopReaders(int[] lostOutputs, boolean[] lostRunning) {
        java.util.ArrayDeque<Integer> stopped = new java.util.ArrayDeque<>();
        for (int s = 0; s < lostOutputs.length; s++) {
            if (lostOutputs[s] > 0 || lostRunning[s]) {
                stopped.add(s);
            }
        }
        while (!stopped.isEmpty()) {
            for (int reader : readiness.consumers(stopped.poll())) {
                var running = inFlight.running(reader);
                if (!running.isEmpty()) {
                    for (int t = running.nextSetBit(0); t >= 0; t = running.nextSetBit(t + 1)) {
                        abandon(reader, t);
                    }
                    stopped.add(reader);
                }
            }
        }
    }

    /** One line per lost worker, however many outputs it held: a large query loses thousands at once. */
    private void logLostOutputs(Worker w, int[] lostOutputs) {
        StringBuilder which = new StringBuilder();
        for (int s = 0; s < lostOutputs.length; s++) {
            if (lostOutputs[s] > 0) {
                which.append(which.isEmpty() ? "" : ", ").append(lostOutputs[s]).append(" of stage ").append(s);
            }
        }
        if (!which.isEmpty()) {
            log.warn("query {}: the outputs of tasks ({}) were on {}, which is lost; they run again", queryId, which,
                    w.address());
        }
    }

    /** Stops an attempt whose output can no longer be made or read; the task runs again. */
    void abandon(int stage, int task) {
        if (log.isDebugEnabled()) {
            log.debug("query {}: abandons task {} of stage {}, attempt {} on {}", queryId, task, stage,
                    inFlight.attempt(stage, task), inFlight.worker(stage, task).address());
        }
        inFlight.abandon(stage, task);
        table.toRun(stage).set(task);
    }

    /**
     * An input partition could not be read whole from a live worker: its producer runs again.
     * Returns whether the loss is news: a final output forgotten here, or an attempt still running
     * that lost what it was making. A partition of an attempt already ended or abandoned is a loss
     * the scheduler already knew and counted.
     */
    boolean partitionLost(String ticket, String where) {
        Tickets t;
        try {
            t = Tickets.decode(ticket.getBytes(StandardCharsets.UTF_8));
        } catch (PolaroidException e) {
            throw PolaroidException.internal(where + " reported a lost partition with a malformed ticket");
        }
        if (t.stage() < 0 || t.stage() >= table.stages() || t.task() < 0 || t.task() >= table.tasks(t.stage())) {
            throw PolaroidException.internal(where + " reported a lost partition of no task of the query: " + ticket);
        }
        if (table.finalAttempt(t.stage(), t.task()) == t.attempt() && table.holder(t.stage(), t.task()) != null) {
            log.warn("query {}: {} lost the partition {}; its producer runs again", queryId, where, ticket);
            table.forget(t.stage(), t.task());
            return true;
        }
        return inFlight.isCurrent(t.stage(), t.task(), t.attempt());
    }
}
