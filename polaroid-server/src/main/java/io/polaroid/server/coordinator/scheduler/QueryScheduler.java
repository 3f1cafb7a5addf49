package io.polaroid.server.coordinator.scheduler;

import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.distributed.Stage;
import io.polaroid.proto.v1.RunTaskRequest;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a query's tasks until its result is complete, on the calling thread. Whenever something
 * happens (an attempt ends, a worker dies, a cancel arrives) every task that can now run is sent
 * at once: a stage starts as soon as its own inputs are complete, not when a whole wave is done.
 * The thread sleeps on one event queue between events; a lost worker arrives as an event the
 * moment the pool declares it dead, so a worker that froze is given up then, not when it wakes.
 * The stop conditions are checked at every event and at least every {@value #POLL_MILLIS} ms.
 */
public final class QueryScheduler {
    private static final Logger log = LoggerFactory.getLogger(QueryScheduler.class);
    private static final long POLL_MILLIS = 20;

    private final String queryId;
    private final List<Stage> stages;
    private final TaskTable table;
    private final InFlightAttempts inFlight;
    private final StageReadiness readiness;
    private final LeastLoadedPlacement placement;
    private final TaskRequestFactory requests;
    private final WorkerClient client;
    private final WorkerPool pool;
    private final StopConditions stop;
    private final FailureBudget failures;
    private final LossRecovery recovery;
    private final QueryCleanup cleanup;
    private final StageClock clock;
    private final BlockingQueue<SchedulerEvent> events = new LinkedBlockingQueue<>();
    private final int root;
    private final boolean lendIdleSlots;
    /** Told where the result's tasks run once they all do, when the result streams; null: it is held whole. */
    private Consumer<List<ResultPlacement>> onStreaming;
    private boolean streaming;

    public QueryScheduler(DistributedPlan plan, TaskTable table, TaskRequestFactory requests, WorkerClient client,
                          WorkerPool pool, SchedulerSettings settings, QueryCleanup cleanup) {
        this.queryId = settings.queryId();
        this.stages = plan.stages();
        this.root = plan.root().id();
        this.table = table;
        this.requests = requests;
        this.client = client;
        this.pool = pool;
        this.stop = new StopConditions(settings.queryId(), settings.clientGone(), settings.startNanos(),
                settings.timeoutMillis());
        this.cleanup = cleanup;
        this.clock = new StageClock(stages.size());
        this.inFlight = new InFlightAttempts(table, stages.size());
        this.readiness = new StageReadiness(plan, settings.pipeline());
        this.lendIdleSlots = settings.lendIdleSlots();
        requests.readWhileRunning(inFlight);
        this.placement = new LeastLoadedPlacement(settings.queryId(), pool, settings.workerWait(), stop);
        this.failures = new FailureBudget(settings.queryId(), table, settings.taskAttempts());
        this.recovery = new LossRecovery(settings.queryId(), table, inFlight, readiness, failures);
    }

    /**
     * Streams the result: once every task of the last stage runs and every stage they read is
     * complete, {@code onStreaming} is told where (its client reads them while they run). From
     * then on those tasks cannot run again, as their client has read part of what they made:
     * losing one fails the query, and the client runs it again. (Before, they run again like any
     * task: a pipelined input that is lost only costs the coordinator a re-run.) Call before
     * {@link #run}.
     */
    public void streamResult(Consumer<List<ResultPlacement>> onStreaming) {
        this.onStreaming = onStreaming;
    }

    /** Runs until every stage's output is in place; throws what stopped the query. */
    public void run() {
        Runnable unsubscribe = pool.onLoss(w -> events.add(new SchedulerEvent.WorkerLost(w)));
        stop.onCancel(() -> events.add(new SchedulerEvent.Wake()));
        try {
            while (true) {
                submitReady();
                announceStreaming();
                if (inFlight.isEmpty()) {
                    return;
                }
                handle(next());
                for (SchedulerEvent e = events.poll(); e != null; e = events.poll()) {
                    handle(e);
                }
                if (streaming && !table.toRun(root).isEmpty()) {
                    int lost = table.toRun(root).nextSetBit(0);
                    throw new PolaroidException(ErrorCode.IO_ERROR, "query " + queryId + ": task " + lost
                            + " of its result was lost while its client read it (its worker, or an input it read, is gone);"
                            + " a streamed result cannot be resumed, so the query must run again");
                }
            }
        } finally {
            inFlight.abandonAll();
            unsubscribe.run();
        }
    }

    /** Asks the query to stop; the scheduling thread wakes and throws CANCELLED with the reason. */
    public void cancel(String reason) {
        stop.cancel(reason);
    }

    /** Stages of the plan complete so far. */
    public int stagesDone() {
        return readiness.complete(table);
    }

    /** Bytes of the scheduler's own per-task state (task table and in-flight index), for the simulation. */
    long stateBytes() {
        return table.retainedBytes() + inFlight.retainedBytes();
    }

    /** When each stage started and ended, in ms since {@code queryStartNanos}. */
    public String stageTimes(long queryStartNanos) {
        return clock.describe(stages, queryStartNanos);
    }

    /**
     * Each stage as a client sees it: its tasks, what the finished ones made, and when it ran (ms
     * since {@code queryStartNanos}). Read from any thread: a value may lag the scheduler by an event.
     */
    public java.util.List<io.polaroid.proto.v1.StageStatus> stageStatuses(long queryStartNanos) {
        java.util.List<io.polaroid.proto.v1.StageStatus> out = new java.util.ArrayList<>(stages.size());
        for (Stage s : stages) {
            int id = s.id();
            long rows = 0;
            long bytes = 0;
            for (int k = 0; k < s.tasks(); k++) {
                rows += table.rows(id, k);
                bytes += table.bytes(id, k);
            }
            out.add(io.polaroid.proto.v1.StageStatus.newBuilder().setStageId(id).setKind(StageKind.of(s))
                    .setTasks(s.tasks()).setTasksDone(s.tasks() - table.missing(id)).setRows(rows).setBytes(bytes)
                    .setStartMs(clock.startMs(id, queryStartNanos)).setEndMs(clock.endMs(id, queryStartNanos)).build());
        }
        return out;
    }

    private SchedulerEvent next() {
        try {
            while (true) {
                stop.check();
                SchedulerEvent e = events.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (e != null) {
                    return e;
                }
            }
        } catch (InterruptedException e) {
            throw stop.interrupted();
        }
    }

    /** Tells the streaming listener where the result's tasks run, once all of them do and their inputs are complete. */
    private void announceStreaming() {
        if (onStreaming == null || streaming || !table.toRun(root).isEmpty()
                || inFlight.running(root).cardinality() != table.missing(root) || !readiness.inputsComplete(root, table)) {
            return;
        }
        streaming = true;
        List<ResultPlacement> placements = new ArrayList<>();
        for (int t = 0; t < table.tasks(root); t++) {
            placements.add(inFlight.running(root).get(t) ? new ResultPlacement(inFlight.worker(root, t), inFlight.attempt(root, t))
                    : new ResultPlacement(table.holder(root, t), table.finalAttempt(root, t)));
        }
        onStreaming.accept(placements);
    }

    private void submitReady() {
        placement.newRound();
        for (Stage s : stages) {
            if (readiness.ready(s, table)) {
                BitSet toRun = table.toRun(s.id());
                int cpuSlots = lendIdleSlots && !toRun.isEmpty() ? IdleSlots.perTask(pool.live(), toRun.cardinality()) : 1;
                for (int t = toRun.nextSetBit(0); t >= 0; t = toRun.nextSetBit(t + 1)) {
                    submit(s, t, cpuSlots);
                }
            }
        }
    }

    private void submit(Stage stage, int task, int cpuSlots) {
        stop.check();
        int s = stage.id();
        int attempt = table.nextAttempt(s, task);
        Worker w = placement.pick();
        table.toRun(s).clear(task);
        clock.started(s);
        cleanup.touched(w);
        RunTaskRequest request = requests.build(stage, task, attempt, w);
        if (cpuSlots > 1) {
            request = request.toBuilder().setCpuSlots(cpuSlots).build();
        }
        inFlight.start(s, task, attempt, w);
        if (log.isDebugEnabled()) {
            log.debug("query {}: task {} of stage {}, attempt {}, sent to {}", queryId, task, s, attempt, w.address());
        }
        inFlight.cancelWith(s, task, client.runTask(w, request,
                outcome -> events.add(new SchedulerEvent.AttemptEnded(s, task, attempt, w, outcome))));
        if (!w.isAlive()) {
            // it died after this round looked: its loss may have been handled before this attempt was noted
            events.add(new SchedulerEvent.WorkerLost(w));
        }
    }

    private void handle(SchedulerEvent event) {
        if (event instanceof SchedulerEvent.AttemptEnded e) {
            attemptEnded(e);
        } else if (event instanceof SchedulerEvent.WorkerLost e) {
            log.debug("query {}: the worker at {} is lost", queryId, e.worker().address());
            recovery.workerLost(e.worker());
        } else {
            stop.check();
        }
    }

    /**
     * Records a finished attempt's output, or reacts to its failure: a lost worker, a lost input
     * partition, or the query's error. An attempt whose worker registration died meanwhile is
     * refused whatever it says: that worker drops its output when it registers again.
     */
    private void attemptEnded(SchedulerEvent.AttemptEnded e) {
        int s = e.stage();
        int t = e.task();
        if (log.isDebugEnabled()) {
            log.debug("query {}: task {} of stage {}, attempt {} on {}, ended: {}{}", queryId, t, s, e.attempt(),
                    e.worker().address(), e.outcome().getClass().getSimpleName(),
                    inFlight.isCurrent(s, t, e.attempt()) ? "" : " (abandoned before)");
        }
        if (!inFlight.isCurrent(s, t, e.attempt())) {
            return; // abandoned meanwhile: it runs again, or is no longer needed
        }
        inFlight.end(s, t);
        Worker w = e.worker();
        AttemptOutcome outcome = e.outcome();
        if (w.isAlive() && outcome instanceof AttemptOutcome.Done d) {
            table.record(s, t, w, e.attempt(), d.response());
            clock.ended(s);
            return;
        }
        recovery.attemptFailed(s);
        if (!w.isAlive()) {
            failures.count(s, t);
            table.toRun(s).set(t);
            return;
        }
        if (outcome instanceof AttemptOutcome.Failed f) {
            throw f.error();
        }
        // A reader that failed on a loss already known (its input worker was lost, or it read an
        // attempt since abandoned) is not charged: only the news counts, so one lost worker does
        // not spend the budget of every pipelined reader downstream.
        String where = "task " + t + " of stage " + s;
        boolean news = true;
        if (outcome instanceof AttemptOutcome.LostInputWorker l) {
            Worker input = pool.byAddress(l.address());
            news = input != null && readsFrom(stages.get(s), input);
            if (news) {
                lost(input, where + " could not read from it");
            }
        } else if (outcome instanceof AttemptOutcome.LostPartition p) {
            news = recovery.partitionLost(p.ticket(), where);
        } else if (outcome instanceof AttemptOutcome.WorkerUnreachable u) {
            lost(w, u.why());
        }
        if (news) {
            failures.count(s, t);
        }
        table.toRun(s).set(t);
    }

    /** True when the stage reads an output {@code w} holds, or one it is making (a pipelined input). */
    private boolean readsFrom(Stage stage, Worker w) {
        for (int input : stage.inputs()) {
            if (table.holdsAny(w, input)) {
                return true;
            }
            BitSet running = inFlight.running(input);
            for (int t = running.nextSetBit(0); t >= 0; t = running.nextSetBit(t + 1)) {
                if (inFlight.worker(input, t) == w) {
                    return true;
                }
            }
        }
        return false;
    }

    private void lost(Worker w, String why) {
        pool.lost(w, why);
        log.warn("query {}: lost the worker at {} ({}); its tasks run again", queryId, w.address(), why);
    }
}
