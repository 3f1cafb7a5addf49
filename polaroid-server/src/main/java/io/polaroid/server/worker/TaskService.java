package io.polaroid.server.worker;

import io.polaroid.server.common.DaemonThreads;
import io.polaroid.engine.distributed.StageTaskRunner;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.serde.fragment.FragmentBinding;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.session.RunControl;
import io.polaroid.engine.vector.Batch;
import io.polaroid.proto.v1.RunTaskRequest;
import io.polaroid.proto.v1.RunTaskResponse;
import io.polaroid.proto.v1.WorkerStatus;
import io.polaroid.remote.Authorization;
import io.polaroid.remote.Transport;
import io.polaroid.remote.FlightFetcher;
import io.polaroid.server.common.PolaroidMetrics;
import io.polaroid.server.common.Tickets;
import io.polaroid.server.config.WorkerProperties;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.flight.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What a worker does: runs tasks, holds their output, stops and frees a query's work. A task
 * carries its stage's fragment as the coordinator planned it and the parts of the data it reads;
 * the worker binds them to the task's inputs and runs the fragment with the engine. It never sees
 * the user's plan, lists no folder and reads no footer.
 */
public final class TaskService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TaskService.class);

    private final QueryEngine engine;
    private final PartitionStore store;
    private final FlightFetcher fetcher;
    private final StageTaskRunner runner;
    private final PolaroidMetrics metrics;
    private final Map<String, Set<RunControl>> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;
    private final BufferAllocator fetchAllocator;
    private volatile long epoch;
    private final Transport transport;
    private final long streamBuffer;

    /** {@code internal}: the credential this worker's reads of other workers' partitions carry. */
    public TaskService(QueryEngine engine, PolaroidMetrics metrics, WorkerProperties props, Authorization internal,
                       Transport transport) {
        this.engine = engine;
        this.metrics = metrics;
        BufferAllocator root = engine.rootAllocator();
        this.store = new PartitionStore(root.newChildAllocator("partitions", 0, Long.MAX_VALUE),
                new PartitionStore.DiskTier(props.storeMemory().toBytes(), engine.config().spill().dirs(),
                        engine.spillQuota(), metrics::partitionSpilled));
        this.fetchAllocator = root.newChildAllocator("shuffle-fetch", 0, Long.MAX_VALUE);
        this.fetcher = new FlightFetcher(fetchAllocator, transport.location("127.0.0.1", 0), internal, transport);
        this.transport = transport;
        this.streamBuffer = props.streamBuffer().toBytes();
        this.runner = new StageTaskRunner(engine);
        long ttl = props.resultTtl().toNanos();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("polaroid-result-ttl"));
        sweeper.scheduleWithFixedDelay(() -> {
            int n = store.expire(ttl);
            if (n > 0) {
                log.info("freed {} partitions nobody fetched within {}", n, props.resultTtl());
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** How this worker reaches the others (TLS when the cluster serves TLS). */
    public Transport transport() {
        return transport;
    }

    public PartitionStore store() {
        return store;
    }

    /** The epoch of this worker's current registration; tasks sent under another are refused. */
    public void epoch(long epoch) {
        this.epoch = epoch;
    }

    /**
     * Runs one task attempt; {@code control} stops it (the coordinator cancelled the call). A task
     * sent to an earlier registration of this worker is refused: the coordinator has already given
     * up on that registration and everything it held.
     */
    public RunTaskResponse run(RunTaskRequest req, RunControl control) {
        String queryId = req.getQueryId();
        if (req.getEpoch() != epoch) {
            throw new PolaroidException(ErrorCode.CANCELLED, "task of query " + queryId + " was sent to epoch "
                    + req.getEpoch() + " of this worker, which is now at epoch " + epoch);
        }
        MDC.put("queryId", queryId);
        running.computeIfAbsent(queryId, id -> ConcurrentHashMap.newKeySet()).add(control);
        BufferAllocator out = store.taskStarted(queryId);
        FlightExchangeInputs inputs = null;
        try {
            if (store.isCancelled(queryId)) {
                control.cancel("the query was cancelled");
            }
            inputs = new FlightExchangeInputs(req.getInputsList(), fetcher, store, req.getWorkerAddress());
            // A read blocked on a worker that froze wakes up when the task is cancelled.
            control.onCancel(inputs::close);
            String runId = queryId + "/stage" + req.getStageId() + "/task" + req.getTask();
            LogicalPlan task = bind(req, inputs);
            long start = System.nanoTime();
            StageTaskRunner runner = runnerFor(req);
            RunTaskResponse response = req.getStreamResult() ? stream(runner, req, task, out, runId, control)
                    : materialize(runner, req, task, out, runId, control);
            if (log.isDebugEnabled()) {
                log.debug("ran {} (attempt {}) in {} ms on {} threads: {} rows scanned", runId, req.getAttempt(),
                        (System.nanoTime() - start) / 1_000_000, runner.threads(), response.getRowsScanned());
            }
            metrics.taskRun(response.getRowsScanned(), response.getBytesScanned(), response.getSpilledBytes());
            return response;
        } catch (RuntimeException | Error e) {
            // the coordinator gets the message; where it came from is for whoever reads this worker's log
            log.debug("task {}/stage{}/task{} (attempt {}) failed", queryId, req.getStageId(), req.getTask(), req.getAttempt(), e);
            throw e;
        } finally {
            if (inputs != null) {
                inputs.close();
            }
            store.taskEnded(queryId);
            Set<RunControl> controls = running.get(queryId);
            if (controls != null) {
                controls.remove(control);
                if (controls.isEmpty()) {
                    running.remove(queryId, controls);
                }
            }
            MDC.remove("queryId");
        }
    }

    /**
     * The runner for a task that may use {@code cpu_slots} slots' worth of cores: the threads of
     * a task times those slots, at most this machine's cores. Workers that share a machine (each
     * set to its share of the cores) so lend a stage of few tasks the cores their idle slots leave.
     */
    private StageTaskRunner runnerFor(RunTaskRequest req) {
        return runner.withThreads(runner.threads() * Math.max(1, req.getCpuSlots()));
    }

    /**
     * Runs a task and holds its output partitions, for readers that come later or read them while
     * they grow (a consumer task started before this one ended). They are kept whole until
     * released, so a reader that runs again reads them again.
     */
    private RunTaskResponse materialize(StageTaskRunner runner, RunTaskRequest req, LogicalPlan task,
                                        BufferAllocator out, String runId, RunControl control) {
        PartitionStore.Held[] held = store.open(tickets(req), task.schema(), req.getOutputPartitions(), req.getResult());
        try {
            var stats = runner.stream(task, FragmentBinding.output(req.getHashKeysList(), req.getOutputPartitions()), out,
                    runId, control, (p, b) -> held[p].append(b));
            if (control.isCancelled()) {
                throw new PolaroidException(ErrorCode.CANCELLED, runId + " was cancelled");
            }
            RunTaskResponse.Builder response = RunTaskResponse.newBuilder()
                    .setRowsScanned(stats.rowsScanned()).setBytesScanned(stats.bytesScanned())
                    .setSpilledBytes(stats.spilledBytes()).setSpilledFiles(stats.spilledFiles());
            for (PartitionStore.Held h : held) {
                h.finish();
                response.addPartitionRows(h.rows()).addPartitionBytes(h.bytes());
            }
            return response.build();
        } catch (RuntimeException | Error e) {
            store.discard(held, PolaroidException.wrap(e));
            throw e;
        }
    }

    /**
     * Runs a result task whose client reads while it runs: each batch goes to the partition's
     * bounded buffer as it is made, and the task waits while its reader is behind. The task
     * ends when its last batch is in the buffer; the reader may still be taking them.
     */
    private RunTaskResponse stream(StageTaskRunner runner, RunTaskRequest req, LogicalPlan task,
                                   BufferAllocator out, String runId, RunControl control) {
        LivePartition live = store.openLive(tickets(req), task.schema(), streamBuffer);
        long[] made = new long[2];
        try {
            var stats = runner.stream(task, out, runId, control, b -> {
                made[0] += b.rowCount();
                made[1] += b.bytes();
                live.put(b, control::isCancelled);
            });
            live.finish();
            return RunTaskResponse.newBuilder().setRowsScanned(stats.rowsScanned()).setBytesScanned(stats.bytesScanned())
                    .setSpilledBytes(stats.spilledBytes()).setSpilledFiles(stats.spilledFiles())
                    .addPartitionRows(made[0]).addPartitionBytes(made[1]).build();
        } catch (RuntimeException | Error e) {
            PolaroidException p = PolaroidException.wrap(e);
            live.fail(p.code() != ErrorCode.CANCELLED ? p : new PolaroidException(ErrorCode.CANCELLED,
                    "the query stopped on the cluster before this result partition was read whole: " + p.getMessage()));
            store.liveFailed(tickets(req), live);
            throw e;
        }
    }

    private static Tickets tickets(RunTaskRequest req) {
        return new Tickets(req.getQueryId(), req.getStageId(), req.getTask(), req.getAttempt(), 0);
    }

    /**
     * The task's fragment bound to its inputs and its parts of the data. A fragment this worker
     * cannot decode (a coordinator of another version) fails the task, naming the stage.
     */
    private LogicalPlan bind(RunTaskRequest req, FlightExchangeInputs inputs) {
        try {
            return FragmentBinding.bind(req.getFragment(), req.getScansList(), inputs, engine.files());
        } catch (RuntimeException e) {
            PolaroidException p = PolaroidException.wrap(e);
            if (p.code() != ErrorCode.INTERNAL) {
                throw p;
            }
            throw PolaroidException.internal("stage " + req.getStageId() + " of query " + req.getQueryId()
                    + " cannot be read on this worker (are the coordinator and workers on the same version?): " + p.getMessage());
        }
    }

    /** Stops the query's running tasks and frees everything held for it. */
    public void cancel(String queryId) {
        store.cancel(queryId);
        Set<RunControl> controls = running.get(queryId);
        if (controls != null) {
            controls.forEach(c -> c.cancel("cancelled by the coordinator"));
        }
    }

    /**
     * Stops and frees every query this worker holds: the coordinator that ran them is gone, or
     * declared this worker dead, so nobody will read their output.
     */
    public int cancelAll(String why) {
        java.util.Set<String> ids = new java.util.HashSet<>(store.queryIds());
        ids.addAll(running.keySet());
        for (String id : ids) {
            cancel(id);
        }
        if (!ids.isEmpty()) {
            log.warn("freed {} queries: {}", ids.size(), why);
        }
        return ids.size();
    }

    public void release(String queryId, boolean keepResults) {
        store.release(queryId, keepResults);
    }

    public WorkerStatus status() {
        return WorkerStatus.newBuilder().setMemoryBytes(engine.rootAllocator().getAllocatedMemory())
                .setMemoryLimitBytes(engine.rootAllocator().getLimit())
                .setRunningTasks(running.values().stream().mapToInt(Set::size).sum())
                .setHeldPartitions(store.heldPartitions()).setQueries(store.queryCount()).build();
    }

    public int runningTasks() {
        return running.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        fetcher.close();
        fetchAllocator.close();
        store.close();
    }
}
