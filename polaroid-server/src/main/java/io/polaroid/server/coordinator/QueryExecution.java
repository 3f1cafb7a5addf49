package io.polaroid.server.coordinator;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.distributed.Partitioning;
import io.polaroid.engine.distributed.Stage;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.serde.fragment.TaskFragments;
import io.polaroid.proto.v1.PartitionLocation;
import io.polaroid.proto.v1.QueryRef;
import io.polaroid.proto.v1.QueryStatus;
import io.polaroid.proto.v1.ReleaseRequest;
import io.polaroid.proto.v1.RunTaskRequest;
import io.polaroid.proto.v1.RunTaskResponse;
import io.polaroid.proto.v1.StageInput;
import io.polaroid.remote.RemoteErrors;
import io.polaroid.server.common.Tickets;
import io.polaroid.server.config.SchedulerProperties;
import io.polaroid.server.worker.WorkerTasksService;
import com.google.protobuf.ByteString;
import io.polaroid.server.security.TicketSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One query on the cluster: runs its stages in order, each stage's tasks in parallel on the live
 * workers, and remembers which worker registration (epoch) holds each task's output and which
 * attempt of the task made it. Only that final attempt's partitions are ever read. When a worker
 * is lost (a task could not reach it, or its heartbeats stopped), the outputs it held are
 * forgotten, the running tasks that read from it are cancelled, and the loop runs again whatever
 * is missing and still needed (the lost tasks, and the upstream tasks whose output died with it).
 * Whatever a lost registration reports afterwards is refused. Cancel, a client that went away and
 * the timeout stop the query; then every worker is told to stop it and free its memory.
 */
public final class QueryExecution {
    private static final Logger log = LoggerFactory.getLogger(QueryExecution.class);
    private static final long POLL_MILLIS = 20;

    private final String id;
    private final TaskFragments fragments;
    private final DistributedPlan plan;
    private final WorkerRegistry registry;
    private final SchedulerProperties props;
    private final BooleanSupplier clientGone;
    private final TicketSigner tickets;
    private final String clientCredential;
    private final Instant resultsExpire;
    private final long startNanos = System.nanoTime();
    private final long deadlineNanos;

    /** The registration holding each task's final output; null while missing. */
    private final WorkerHandle[][] holders;
    /** The attempt whose output is final, and what it reported. */
    private final int[][] finalAttempt;
    private final RunTaskResponse[][] outputs;
    private final long[][] rows;
    private final long[][] bytes;
    /** Attempts started per task (each gets the next number), and those lost with their worker. */
    private final int[][] attempts;
    private final int[][] failures;
    private final long[] stageStartNanos;
    private final long[] stageEndNanos;
    private final Set<String> touched = new HashSet<>();
    private final AtomicInteger tasksDone = new AtomicInteger();
    private final AtomicInteger tasksRetried = new AtomicInteger();
    private final AtomicLong rowsScanned = new AtomicLong();
    private final AtomicLong bytesScanned = new AtomicLong();
    private volatile QueryStatus.State state = QueryStatus.State.RUNNING;
    private volatile String error = "";
    private volatile String cancelReason;
    private volatile long endNanos;

    QueryExecution(String id, TaskFragments fragments, DistributedPlan plan, WorkerRegistry registry, SchedulerProperties props, long timeoutMillis, BooleanSupplier clientGone,
                   TicketSigner tickets, String clientCredential, Duration resultTtl) {
        this.tickets = tickets;
        this.clientCredential = clientCredential;
        this.resultsExpire = Instant.now().plusMillis(timeoutMillis).plus(resultTtl);
        this.id = id;
        this.fragments = fragments;
        this.plan = plan;
        this.registry = registry;
        this.props = props;
        this.clientGone = clientGone;
        this.deadlineNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        int n = plan.stages().size();
        holders = new WorkerHandle[n][];
        finalAttempt = new int[n][];
        outputs = new RunTaskResponse[n][];
        rows = new long[n][];
        bytes = new long[n][];
        attempts = new int[n][];
        failures = new int[n][];
        stageStartNanos = new long[n];
        stageEndNanos = new long[n];
        for (Stage s : plan.stages()) {
            holders[s.id()] = new WorkerHandle[s.tasks()];
            finalAttempt[s.id()] = new int[s.tasks()];
            outputs[s.id()] = new RunTaskResponse[s.tasks()];
            rows[s.id()] = new long[s.tasks()];
            bytes[s.id()] = new long[s.tasks()];
            attempts[s.id()] = new int[s.tasks()];
            failures[s.id()] = new int[s.tasks()];
        }
    }

    public String id() {
        return id;
    }

    public DistributedPlan plan() {
        return plan;
    }

    public QueryStatus.State state() {
        return state;
    }

    /** Runs the query to its end; throws what made it fail. */
    void run() {
        try {
            schedule();
            state = QueryStatus.State.SUCCEEDED;
            endNanos = System.nanoTime();
            if (log.isDebugEnabled()) {
                log.debug("query {} stage times: {}", id, stageTimes());
            }
            releaseShuffles();
        } catch (Throwable t) {
            PolaroidException e = PolaroidException.wrap(t);
            state = e.code() == ErrorCode.CANCELLED ? QueryStatus.State.CANCELLED : QueryStatus.State.FAILED;
            error = e.getMessage();
            endNanos = System.nanoTime();
            stopEverywhere();
            throw e;
        }
    }

    /** Asks the query to stop; the scheduling loop notices within a poll interval. */
    public void cancel(String reason) {
        if (cancelReason == null) {
            cancelReason = reason;
        }
    }

    private void checkStop() {
        if (cancelReason != null) {
            throw new PolaroidException(ErrorCode.CANCELLED, "query " + id + " was cancelled: " + cancelReason);
        }
        if (clientGone.getAsBoolean()) {
            throw new PolaroidException(ErrorCode.CANCELLED, "query " + id + " was cancelled: the client went away");
        }
        if (System.nanoTime() > deadlineNanos) {
            throw new PolaroidException(ErrorCode.CANCELLED, "query " + id + " timed out after "
                    + TimeUnit.NANOSECONDS.toMillis(deadlineNanos - startNanos) + " ms");
        }
    }

    private boolean hasMissing(Stage s) {
        for (WorkerHandle h : holders[s.id()]) {
            if (h == null) {
                return true;
            }
        }
        return false;
    }

    private boolean needed(Stage s) {
        if (s.id() == plan.root().id()) {
            return true;
        }
        for (Stage c : plan.stages()) {
            if (c.inputs().contains(s.id()) && hasMissing(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The stages that can run now: needed, with tasks to run, and every input complete. Stages that
     * do not depend on each other (the two sides of a join) run at the same time.
     */
    private List<Stage> readyStages() {
        List<Stage> ready = new ArrayList<>();
        for (Stage s : plan.stages()) {
            if (hasMissing(s) && needed(s) && s.inputs().stream().noneMatch(i -> hasMissing(plan.stage(i)))) {
                ready.add(s);
            }
        }
        return ready;
    }

    /** A task attempt sent to a worker, and the registrations it reads its inputs from. */
    private record Running(Stage stage, int task, int attempt, WorkerHandle worker, Set<WorkerHandle> inputs,
                           ListenableFuture<RunTaskResponse> future) {
    }

    /**
     * Runs tasks until the result is complete. Whenever a task ends, every task that can now run
     * is sent at once: a stage starts as soon as its own inputs are complete, not when the whole
     * previous wave is done. Between events, lost workers are looked for, so that a worker that
     * froze is given up as soon as the registry declares it dead, not when it wakes up.
     */
    private void schedule() {
        List<Running> inFlight = new ArrayList<>();
        BlockingQueue<Running> finished = new LinkedBlockingQueue<>();
        try {
            while (true) {
                for (Stage stage : readyStages()) {
                    submitMissing(stage, inFlight, finished);
                }
                if (inFlight.isEmpty()) {
                    return;
                }
                Running r = nextFinished(finished, inFlight);
                if (r != null && inFlight.remove(r)) {
                    complete(r);
                }
            }
        } finally {
            for (Running r : inFlight) {
                abandon(r);
            }
        }
    }

    /** The next task that finished, or null when lost workers changed what is missing. */
    private Running nextFinished(BlockingQueue<Running> finished, List<Running> inFlight) {
        try {
            while (true) {
                checkStop();
                if (forgetLost(inFlight)) {
                    return null;
                }
                Running r = finished.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (r != null) {
                    return r;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PolaroidException(ErrorCode.CANCELLED, "query " + id + " was interrupted");
        }
    }

    /**
     * Forgets the outputs held by dead registrations and abandons the running attempts that need
     * them (or that run on one); true when anything changed.
     */
    private boolean forgetLost(List<Running> inFlight) {
        boolean changed = false;
        for (Stage s : plan.stages()) {
            WorkerHandle[] stageHolders = holders[s.id()];
            for (int t = 0; t < stageHolders.length; t++) {
                if (stageHolders[t] != null && !stageHolders[t].isAlive()) {
                    log.warn("query {}: the output of task {} of stage {} was on {}, which is lost; it runs again", id, t,
                            s.id(), stageHolders[t].address());
                    stageHolders[t] = null;
                    changed = true;
                }
            }
        }
        for (Running r : new ArrayList<>(inFlight)) {
            boolean lostInput = r.inputs().stream().anyMatch(h -> !h.isAlive());
            if (lostInput || !r.worker().isAlive()) {
                inFlight.remove(r);
                abandon(r);
                if (!r.worker().isAlive()) {
                    countFailure(r);
                }
                changed = true;
            }
        }
        return changed;
    }

    /** Stops an attempt whose output is no longer wanted; its worker frees what it made. */
    private static void abandon(Running r) {
        r.future().cancel(true);
        r.worker().assigned().decrementAndGet();
    }

    private void submitMissing(Stage stage, List<Running> inFlight, BlockingQueue<Running> finished) {
        for (int task = 0; task < stage.tasks(); task++) {
            if (holders[stage.id()][task] != null || isRunning(inFlight, stage, task)) {
                continue;
            }
            checkStop();
            int attempt = ++attempts[stage.id()][task];
            if (attempt > 1) {
                tasksRetried.incrementAndGet();
            }
            WorkerHandle w = pickWorker();
            if (stageStartNanos[stage.id()] == 0) {
                stageStartNanos[stage.id()] = System.nanoTime();
            }
            w.assigned().incrementAndGet();
            synchronized (touched) {
                touched.add(w.address());
            }
            Set<WorkerHandle> inputs = new HashSet<>();
            RunTaskRequest request = request(stage, task, attempt, w, inputs);
            Running r = new Running(stage, task, attempt, w, inputs, w.tasks().runTask(request));
            inFlight.add(r);
            r.future().addListener(() -> finished.add(r), Runnable::run);
        }
    }

    private static boolean isRunning(List<Running> inFlight, Stage stage, int task) {
        for (Running r : inFlight) {
            if (r.stage().id() == stage.id() && r.task() == task) {
                return true;
            }
        }
        return false;
    }

    /** A task attempt failed because a worker was lost; too many such failures fail the query. */
    private void countFailure(Running r) {
        if (++failures[r.stage().id()][r.task()] >= props.taskAttempts()) {
            throw new PolaroidException(ErrorCode.IO_ERROR, "query " + id + ": task " + r.task() + " of stage " + r.stage().id()
                    + " failed " + props.taskAttempts() + " times as workers were lost");
        }
    }

    /**
     * Records a finished attempt's output, or reacts to its failure: a lost worker, a lost input
     * partition, or the query's error. An attempt whose worker registration died meanwhile is
     * refused whatever it says: that worker drops its output when it registers again.
     */
    private void complete(Running r) {
        Stage stage = r.stage();
        r.worker().assigned().decrementAndGet();
        if (!r.worker().isAlive()) {
            countFailure(r);
            return;
        }
        try {
            RunTaskResponse response = r.future().get();
            holders[stage.id()][r.task()] = r.worker();
            finalAttempt[stage.id()][r.task()] = r.attempt();
            outputs[stage.id()][r.task()] = response;
            rows[stage.id()][r.task()] = response.getPartitionRowsList().stream().mapToLong(Long::longValue).sum();
            bytes[stage.id()][r.task()] = response.getPartitionBytesList().stream().mapToLong(Long::longValue).sum();
            rowsScanned.addAndGet(response.getRowsScanned());
            bytesScanned.addAndGet(response.getBytesScanned());
            tasksDone.incrementAndGet();
            stageEndNanos[stage.id()] = System.nanoTime();
        } catch (CancellationException e) {
            // abandoned: what it needed was lost, and it runs again
        } catch (ExecutionException e) {
            failed(r, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PolaroidException(ErrorCode.CANCELLED, "query " + id + " was interrupted");
        }
    }

    private void failed(Running r, Throwable cause) {
        if (!(cause instanceof StatusRuntimeException s)) {
            throw PolaroidException.wrap(cause);
        }
        String where = "task " + r.task() + " of stage " + r.stage().id();
        io.grpc.Metadata trailers = s.getTrailers();
        String lostWorker = trailers == null ? null : trailers.get(WorkerTasksService.LOST_WORKER);
        String lostPartition = trailers == null ? null : trailers.get(WorkerTasksService.LOST_PARTITION);
        if (lostWorker != null || lostPartition != null) {
            countFailure(r);
        }
        if (lostWorker != null) {
            WorkerHandle w = registry.byAddress(lostWorker);
            if (w != null && r.inputs().contains(w)) {
                workerLost(w, where + " could not read from it");
            }
        } else if (lostPartition != null) {
            forgetPartition(lostPartition, where);
        } else if (s.getStatus().getCode() == Status.Code.UNAVAILABLE && (trailers == null || trailers.get(RemoteErrors.CODE) == null)) {
            countFailure(r);
            workerLost(r.worker(), s.getStatus().toString());
        } else {
            throw RemoteErrors.fromGrpc(s);
        }
    }

    /** An input partition could not be read whole from a live worker: its producer runs again. */
    private void forgetPartition(String ticket, String where) {
        Tickets t;
        try {
            t = Tickets.decode(ticket.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (PolaroidException e) {
            throw PolaroidException.internal(where + " reported a lost partition with a malformed ticket");
        }
        if (t.stage() < holders.length && t.task() < holders[t.stage()].length
                && finalAttempt[t.stage()][t.task()] == t.attempt() && holders[t.stage()][t.task()] != null) {
            log.warn("query {}: {} lost the partition {}; its producer runs again", id, where, ticket);
            holders[t.stage()][t.task()] = null;
        }
    }

    private void workerLost(WorkerHandle w, String why) {
        registry.lost(w, why);
        log.warn("query {}: lost the worker at {} ({}); its tasks run again", id, w.address(), why);
    }

    /** The live worker with the most free slots; waits a bounded time when there is none. */
    private WorkerHandle pickWorker() {
        long waitUntil = System.nanoTime() + props.workerWait().toNanos();
        while (true) {
            WorkerHandle best = null;
            double bestLoad = Double.MAX_VALUE;
            for (WorkerHandle w : registry.live()) {
                double load = (double) w.assigned().get() / w.slots();
                if (load < bestLoad) {
                    best = w;
                    bestLoad = load;
                }
            }
            if (best != null) {
                return best;
            }
            if (System.nanoTime() > waitUntil) {
                throw new PolaroidException(ErrorCode.IO_ERROR, "query " + id + ": no live worker to run its tasks (waited "
                        + props.workerWait().toMillis() + " ms)");
            }
            checkStop();
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PolaroidException(ErrorCode.CANCELLED, "query " + id + " was interrupted");
            }
        }
    }

    /** The request for one attempt; {@code inputs} collects the registrations it will read from. */
    private RunTaskRequest request(Stage stage, int task, int attempt, WorkerHandle worker, Set<WorkerHandle> inputs) {
        RunTaskRequest.Builder b = RunTaskRequest.newBuilder().setQueryId(id).setWorkerAddress(worker.address())
                .setEpoch(worker.epoch()).setStageId(stage.id()).setTask(task).setAttempt(attempt)
                .setFragment(fragments.fragment(stage.id())).addAllScans(fragments.scans(stage.id(), task))
                .addAllHashKeys(fragments.hashKeys(stage.id())).setOutputPartitions(stage.partitions())
                .setResult(stage.id() == plan.root().id());
        for (int input : stage.inputs()) {
            Stage producer = plan.stage(input);
            int partition = producer.output() instanceof Partitioning.Hash ? task : 0;
            StageInput.Builder in = StageInput.newBuilder().setStageId(input);
            for (int k = 0; k < producer.tasks(); k++) {
                WorkerHandle holder = holders[input][k];
                inputs.add(holder);
                RunTaskResponse made = outputs[input][k];
                in.addPartitions(PartitionLocation.newBuilder().setAddress(holder.address())
                        .setTicket(ByteString.copyFrom(tickets.sign(new Tickets(id, input, k, finalAttempt[input][k], partition),
                                tickets.internalCredential(), resultsExpire)))
                        .setRows(made.getPartitionRows(partition)).setBytes(made.getPartitionBytes(partition)));
            }
            b.addInputs(in);
        }
        return b.build();
    }

    /** Where the result partitions are, in result order. */
    public List<Endpoint> endpoints() {
        Stage root = plan.root();
        List<Endpoint> out = new ArrayList<>();
        for (int k = 0; k < root.tasks(); k++) {
            out.add(new Endpoint(holders[root.id()][k].address(),
                    tickets.sign(new Tickets(id, root.id(), k, finalAttempt[root.id()][k], 0), clientCredential, resultsExpire),
                    rows[root.id()][k], bytes[root.id()][k], resultsExpire));
        }
        return out;
    }

    /** A result partition: where, its signed ticket, what it holds, and until when the ticket is good. */
    public record Endpoint(String address, byte[] ticket, long rows, long bytes, Instant expires) {
    }

    private void releaseShuffles() {
        forEachTouched(w -> w.control().releaseQuery(ReleaseRequest.newBuilder().setQueryId(id).setKeepResults(true).build()));
    }

    private void stopEverywhere() {
        forEachTouched(w -> w.control().cancelQuery(QueryRef.newBuilder().setQueryId(id).build()));
    }

    private void forEachTouched(java.util.function.Consumer<WorkerHandle> action) {
        Map<String, WorkerHandle> live = new HashMap<>();
        registry.live().forEach(w -> live.put(w.address(), w));
        List<String> addresses;
        synchronized (touched) {
            addresses = new ArrayList<>(touched);
        }
        for (String a : addresses) {
            WorkerHandle w = live.get(a);
            if (w != null) {
                try {
                    action.accept(w);
                } catch (RuntimeException e) {
                    log.debug("query {}: could not reach {} to clean up: {}", id, a, e.toString());
                }
            }
        }
    }

    /** When each stage started and ended, in ms since the query started: where its time went. */
    private String stageTimes() {
        StringBuilder sb = new StringBuilder();
        for (Stage s : plan.stages()) {
            sb.append(sb.isEmpty() ? "" : ", ").append("stage ").append(s.id()).append(" (").append(s.tasks()).append(" tasks) ")
                    .append(TimeUnit.NANOSECONDS.toMillis(stageStartNanos[s.id()] - startNanos)).append('-')
                    .append(TimeUnit.NANOSECONDS.toMillis(stageEndNanos[s.id()] - startNanos)).append(" ms");
        }
        return sb.toString();
    }

    public QueryStatus status() {
        int stagesDone = 0;
        for (Stage s : plan.stages()) {
            if (!hasMissing(s)) {
                stagesDone++;
            }
        }
        long end = endNanos != 0 ? endNanos : System.nanoTime();
        long resultBytes = java.util.Arrays.stream(bytes[plan.root().id()]).sum();
        return QueryStatus.newBuilder().setQueryId(id).setState(state).setStagesDone(stagesDone)
                .setStagesTotal(plan.stages().size()).setTasksDone(tasksDone.get()).setTasksTotal(plan.taskCount())
                .setTasksRetried(tasksRetried.get()).setRows(totalRows()).setBytes(resultBytes)
                .setRowsScanned(rowsScanned.get()).setBytesScanned(bytesScanned.get())
                .setElapsedMs(TimeUnit.NANOSECONDS.toMillis(end - startNanos)).setError(error).build();
    }

    public int tasksRetried() {
        return tasksRetried.get();
    }

    /** Rows of the result so far. */
    public long totalRows() {
        return java.util.Arrays.stream(rows[plan.root().id()]).sum();
    }
}
