package io.polaroid.server.coordinator;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.distributed.Partitioning;
import io.polaroid.engine.distributed.Stage;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.proto.v1.PartitionLocation;
import io.polaroid.proto.v1.Plan;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
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
 * workers, and remembers which worker holds each task's output. When a worker is lost, the
 * outputs it held are forgotten, and the loop runs again whatever is missing and still needed
 * (the lost tasks, and the upstream tasks whose output died with it). Cancel, a client that went
 * away and the timeout stop it; then every worker is told to stop the query and free its memory.
 */
public final class QueryExecution {
    private static final Logger log = LoggerFactory.getLogger(QueryExecution.class);
    private static final long POLL_MILLIS = 20;

    private final String id;
    private final Plan planProto;
    private final DistributedPlan plan;
    private final int parallelism;
    private final long broadcastBytes;
    private final WorkerRegistry registry;
    private final SchedulerProperties props;
    private final BooleanSupplier clientGone;
    private final long startNanos = System.nanoTime();
    private final long deadlineNanos;

    private final String[][] locations;
    private final long[][] rows;
    private final long[][] bytes;
    private final int[][] attempts;
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

    QueryExecution(String id, Plan planProto, DistributedPlan plan, int parallelism, long broadcastBytes,
                   WorkerRegistry registry, SchedulerProperties props, long timeoutMillis, BooleanSupplier clientGone) {
        this.id = id;
        this.planProto = planProto;
        this.plan = plan;
        this.parallelism = parallelism;
        this.broadcastBytes = broadcastBytes;
        this.registry = registry;
        this.props = props;
        this.clientGone = clientGone;
        this.deadlineNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        int n = plan.stages().size();
        locations = new String[n][];
        rows = new long[n][];
        bytes = new long[n][];
        attempts = new int[n][];
        stageStartNanos = new long[n];
        stageEndNanos = new long[n];
        for (Stage s : plan.stages()) {
            locations[s.id()] = new String[s.tasks()];
            rows[s.id()] = new long[s.tasks()];
            bytes[s.id()] = new long[s.tasks()];
            attempts[s.id()] = new int[s.tasks()];
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
        for (String l : locations[s.id()]) {
            if (l == null) {
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

    private record Running(Stage stage, int task, WorkerHandle worker, ListenableFuture<RunTaskResponse> future) {
    }

    /**
     * Runs tasks until the result is complete. Whenever a task ends, every task that can now run
     * is sent at once: a stage starts as soon as its own inputs are complete, not when the whole
     * previous wave is done.
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
                Running r = nextFinished(finished);
                inFlight.remove(r);
                complete(r);
            }
        } finally {
            for (Running r : inFlight) {
                r.future().cancel(true);
                r.worker().assigned().decrementAndGet();
            }
        }
    }

    private Running nextFinished(BlockingQueue<Running> finished) {
        try {
            Running r;
            do {
                checkStop();
            } while ((r = finished.poll(POLL_MILLIS, TimeUnit.MILLISECONDS)) == null);
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PolaroidException(ErrorCode.CANCELLED, "query " + id + " was interrupted");
        }
    }

    private void submitMissing(Stage stage, List<Running> inFlight, BlockingQueue<Running> finished) {
        for (int task = 0; task < stage.tasks(); task++) {
            if (locations[stage.id()][task] != null || isRunning(inFlight, stage, task)) {
                continue;
            }
            checkStop();
            if (++attempts[stage.id()][task] > props.taskAttempts()) {
                throw new PolaroidException(ErrorCode.IO_ERROR, "query " + id + ": task " + task + " of stage " + stage.id()
                        + " failed " + props.taskAttempts() + " times as workers were lost");
            }
            if (attempts[stage.id()][task] > 1) {
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
            Running r = new Running(stage, task, w, w.tasks().runTask(request(stage, task, w)));
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

    /** Records a finished task's output, or reacts to its failure: a lost worker, or the query's error. */
    private void complete(Running r) {
        Stage stage = r.stage();
        r.worker().assigned().decrementAndGet();
        try {
            RunTaskResponse response = r.future().get();
            locations[stage.id()][r.task()] = r.worker().address();
            rows[stage.id()][r.task()] = response.getPartitionRowsList().stream().mapToLong(Long::longValue).sum();
            bytes[stage.id()][r.task()] = response.getPartitionBytesList().stream().mapToLong(Long::longValue).sum();
            rowsScanned.addAndGet(response.getRowsScanned());
            bytesScanned.addAndGet(response.getBytesScanned());
            tasksDone.incrementAndGet();
            stageEndNanos[stage.id()] = System.nanoTime();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof StatusRuntimeException s)) {
                throw PolaroidException.wrap(e.getCause());
            }
            String lost = s.getTrailers() == null ? null : s.getTrailers().get(WorkerTasksService.LOST_WORKER);
            if (lost != null) {
                workerLost(registry.byAddress(lost), lost, "task " + r.task() + " of stage " + stage.id() + " could not read from it");
            } else if (s.getStatus().getCode() == Status.Code.UNAVAILABLE && s.getTrailers() != null
                    && s.getTrailers().get(RemoteErrors.CODE) == null) {
                workerLost(r.worker(), r.worker().address(), s.getStatus().toString());
            } else {
                throw RemoteErrors.fromGrpc(s);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PolaroidException(ErrorCode.CANCELLED, "query " + id + " was interrupted");
        }
    }

    private void workerLost(WorkerHandle w, String address, String why) {
        if (w != null) {
            registry.lost(w, why);
        }
        for (String[] stageLocations : locations) {
            for (int t = 0; t < stageLocations.length; t++) {
                if (address.equals(stageLocations[t])) {
                    stageLocations[t] = null;
                }
            }
        }
        log.warn("query {}: lost the worker at {} ({}); its tasks run again", id, address, why);
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

    private RunTaskRequest request(Stage stage, int task, WorkerHandle worker) {
        RunTaskRequest.Builder b = RunTaskRequest.newBuilder().setQueryId(id).setWorkerAddress(worker.address())
                .setPlan(planProto).setStageId(stage.id())
                .setTask(task).setParallelism(parallelism).setBroadcastBytes(broadcastBytes)
                .setFingerprint(plan.fingerprint()).setAttempt(attempts[stage.id()][task]);
        for (int input : stage.inputs()) {
            Stage producer = plan.stage(input);
            int partition = producer.output() instanceof Partitioning.Hash ? task : 0;
            StageInput.Builder in = StageInput.newBuilder().setStageId(input);
            for (int k = 0; k < producer.tasks(); k++) {
                in.addPartitions(PartitionLocation.newBuilder().setAddress(locations[input][k])
                        .setTicket(ByteString.copyFrom(new Tickets(id, input, k, partition).encode())));
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
            out.add(new Endpoint(locations[root.id()][k], new Tickets(id, root.id(), k, 0).encode(), rows[root.id()][k],
                    bytes[root.id()][k]));
        }
        return out;
    }

    public record Endpoint(String address, byte[] ticket, long rows, long bytes) {
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
