package io.polaroid.server.coordinator;

import com.google.protobuf.ByteString;
import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.distributed.DistributedPlanner;
import io.polaroid.engine.dsl.PlanningStack;
import io.polaroid.engine.serde.fragment.TaskFragments;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.serde.PlanCodec;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.session.QueryPlans;
import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.proto.v1.AnalyzePlanResponse;
import io.polaroid.proto.v1.Plan;
import io.polaroid.proto.v1.QueryStatus;
import io.polaroid.server.common.PolaroidMetrics;
import io.polaroid.server.config.SchedulerProperties;
import io.polaroid.server.security.Caller;
import io.polaroid.server.security.TicketSigner;
import io.polaroid.server.config.LimitsProperties;
import io.polaroid.server.common.PlanLimits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The coordinator's queries: plans each one (analyze, optimize, cut into stages), runs it on the
 * workers, and keeps its status for {@code GetQuery} after it ends. Transport adapters (gRPC,
 * Flight) call this and only convert.
 */
public final class QueryManager {
    private static final Logger log = LoggerFactory.getLogger(QueryManager.class);

    private final QueryEngine engine;
    private final WorkerRegistry registry;
    /** How queries reach the registry's workers. */
    private final GrpcWorkerClient workerClient = new GrpcWorkerClient();
    private final SchedulerProperties props;
    private final PolaroidMetrics metrics;
    private final Catalog catalog;
    private final Map<String, QueryExecution> running = new ConcurrentHashMap<>();
    private final Map<String, QueryStatus> finished;
    /** Who started each query (running or remembered): only they may see or cancel it. */
    private final Map<String, String> owners;
    private final TicketSigner tickets;
    private final Duration resultTtl;
    private final PlanLimits limits;
    /** {@code polaroid.results.stream}: whether results may stream to clients while they are made. */
    private final boolean streamResults;
    /**
     * The limits {@link #parseCommand} applies: the Flight producer calls it statically, so the
     * coordinator's QueryManager publishes its configured limits here (one coordinator per process).
     */
    /** What a client may name its query: nothing that a path, a header or a log line would misread. */
    private static final java.util.regex.Pattern QUERY_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static volatile PlanLimits commandLimits = new PlanLimits(LimitsProperties.defaults());

    public QueryManager(QueryEngine engine, WorkerRegistry registry, SchedulerProperties props, PolaroidMetrics metrics,
                        Catalog catalog, TicketSigner tickets, Duration resultTtl, PlanLimits limits, boolean streamResults) {
        this.streamResults = streamResults;
        this.tickets = tickets;
        this.resultTtl = resultTtl;
        this.limits = limits;
        commandLimits = limits;
        this.engine = engine;
        this.catalog = catalog;
        this.registry = registry;
        this.props = props;
        this.metrics = metrics;
        int history = props.queryHistory();
        this.owners = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > 2 * history && !running.containsKey(eldest.getKey());
            }
        });
        this.finished = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, QueryStatus> eldest) {
                return size() > history;
            }
        });
    }

    /**
     * A plan as a Flight command carries it: binary {@code polaroid.v1.Plan}, or its JSON form,
     * parsed under {@code polaroid.limits.*} ({@link PlanLimits}); anything malformed is INVALID_PLAN.
     */
    public static Plan parseCommand(byte[] command) {
        // on a large stack: protobuf parses nested messages recursively, and a plan a program built
        // in a loop (10,000 chained and()) nests about 20,000 messages deep
        return PlanningStack.call("parsing the command", () -> guarded("parsing the command", () -> commandLimits.parseCommand(command)));
    }

    /**
     * Runs {@code work}, turning anything it throws into a PolaroidException: a malformed plan must
     * come back as INVALID_ARGUMENT, never as UNKNOWN (an Error escaping to gRPC) or INTERNAL.
     */
    private static <T> T guarded(String what, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (PolaroidException e) {
            throw e;
        } catch (StackOverflowError | OutOfMemoryError e) {
            throw PolaroidException.invalidPlan("the plan is too large or too deep for " + what + ": " + e);
        } catch (RuntimeException e) {
            throw PolaroidException.invalidPlan("the plan is malformed (" + what + "): " + e);
        }
    }

    private int parallelism() {
        long waitUntil = System.nanoTime() + props.workerWait().toNanos();
        while (registry.totalSlots() == 0) {
            if (System.nanoTime() > waitUntil) {
                throw new PolaroidException(ErrorCode.IO_ERROR, "no live worker: none registered within "
                        + props.workerWait().toMillis() + " ms");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PolaroidException(ErrorCode.CANCELLED, "interrupted while waiting for a worker");
            }
        }
        return Math.max(1, registry.totalSlots() * props.partitionsPerWorker());
    }

    private DistributedPlan distribute(QueryPlans plans, int parallelism) {
        return new DistributedPlanner(parallelism, props.broadcastThreshold().toBytes(), props.replicateRows(),
                props.singleTaskRows(), props.fewGroupRows()).plan(plans.optimized());
    }

    /**
     * Runs the plan for {@code caller}, whose credential its result tickets are bound to;
     * {@code clientGone} is polled, and cancels the query when true. Returns when the result can
     * be read: when the query ended, or, with {@code streamResult} (and {@code polaroid.results.stream}),
     * as soon as every result task runs, the client then reading the result while it is made.
     */
    public QueryExecution execute(Plan planProto, String requestedId, long timeoutMillis, BooleanSupplier clientGone,
                                  Caller caller, boolean streamResult) {
        return execute(planProto, PlanText.of(planProto), requestedId, timeoutMillis, clientGone, caller, streamResult);
    }

    /** {@link #execute(Plan, String, long, BooleanSupplier, Caller, boolean)}, listed as {@code text} (a {@link Routed}'s). */
    public QueryExecution execute(Plan planProto, String text, String requestedId, long timeoutMillis,
                                  BooleanSupplier clientGone, Caller caller, boolean streamResult) {
        String id = requestedId == null || requestedId.isBlank() ? UUID.randomUUID().toString() : requestedId;
        if (!QUERY_ID.matcher(id).matches()) {
            throw PolaroidException.invalidPlan("a query id is 1 to 128 letters, digits, '.', '_', ':' or '-', not: "
                    + (id.length() > 140 ? id.substring(0, 140) + "..." : id));
        }
        String owner = owners.get(id);
        if (owner != null && !owner.equals(caller.principal())) {
            throw PolaroidException.invalidPlan("the query id " + id + " is taken: choose another");
        }
        MDC.put("queryId", id);
        long start = System.nanoTime();
        long startedAt = System.currentTimeMillis();
        metrics.query("started");
        boolean started = false;
        try {
            long timeout = timeoutMillis > 0 ? timeoutMillis : props.queryTimeout().toMillis();
            // Planning on a large-stack thread, stopped by the client's cancel and the query's deadline.
            Planned planned = PlanningStack.call("planning query " + id, () -> guarded("planning", () -> {
                limits.check(planProto);
                // SQL is planned here once, like the rest: workers get each stage's resolved fragment.
                PlanNode node = planNode(planProto);
                DistributedPlan distributed = distribute(engine.plan(node), parallelism());
                return new Planned(distributed, new TaskFragments(distributed));
            }), clientGone, timeout);
            DistributedPlan plan = planned.plan();
            boolean stream = streamResult && streamResults;
            // Once a streamed result is handed out, the call that asked has ended: the client's
            // reads of the result say whether it is still there.
            AtomicBoolean handedOut = new AtomicBoolean();
            QueryExecution q = new QueryExecution(id, planned.fragments(), plan, registry, workerClient, props, timeout,
                    () -> !handedOut.get() && clientGone.getAsBoolean(), tickets, caller.credential(), resultTtl, stream, text);
            if (running.putIfAbsent(id, q) != null) {
                throw PolaroidException.invalidPlan("a query with id " + id + " is already running");
            }
            owners.put(id, caller.principal());
            log.info("query {}: {} stages, {} tasks on {} workers", id, plan.stages().size(), plan.taskCount(),
                    registry.live().size());
            CompletableFuture<QueryExecution> readable = new CompletableFuture<>();
            if (stream) {
                q.onResultStreaming(() -> {
                    handedOut.set(true);
                    readable.complete(q);
                });
            }
            // Run on a large-stack thread too: the calls to workers serialize the (deep) plan.
            PlanningStack.start("running query " + id, () -> runToEnd(q, start, readable));
            started = true;
            return await(q, readable);
        } catch (RuntimeException e) {
            PolaroidException p = PolaroidException.wrap(e);
            if (!started) {
                ended(id, start, p);
                finished.putIfAbsent(id, QueryStatus.newBuilder().setQueryId(id)
                        .setState(p.code() == ErrorCode.CANCELLED ? QueryStatus.State.CANCELLED : QueryStatus.State.FAILED)
                        .setError(p.getMessage()).setStartedAtMs(startedAt).setText(text).build());
                owners.putIfAbsent(id, caller.principal());
            }
            throw p;
        } finally {
            MDC.remove("queryId");
        }
    }

    /**
     * Runs a query to its end and keeps its status. Calls to workers must not inherit the client
     * call's deadline or cancellation: the query stops through clientGone, and then it still has
     * to reach the workers to stop.
     */
    private void runToEnd(QueryExecution q, long start, CompletableFuture<QueryExecution> readable) {
        String id = q.id();
        MDC.put("queryId", id);
        io.grpc.Context previous = io.grpc.Context.ROOT.attach();
        try {
            q.run();
            running.remove(id);
            finished.put(id, q.status());
            metrics.query("succeeded");
            metrics.queryLatency(Duration.ofNanos(System.nanoTime() - start));
            log.info("query {} succeeded in {} ms, {} rows", id, (System.nanoTime() - start) / 1_000_000, q.totalRows());
            readable.complete(q);
            q.releaseShuffles();
        } catch (RuntimeException | Error e) {
            running.remove(id);
            finished.put(id, q.status());
            PolaroidException p = PolaroidException.wrap(e);
            ended(id, start, p);
            readable.completeExceptionally(p);
        } finally {
            io.grpc.Context.ROOT.detach(previous);
            MDC.remove("queryId");
        }
    }

    private void ended(String id, long start, PolaroidException p) {
        boolean cancelled = p.code() == ErrorCode.CANCELLED;
        metrics.query(cancelled ? "cancelled" : "failed");
        metrics.queryLatency(Duration.ofNanos(System.nanoTime() - start));
        log.info("query {} {}: {}", id, cancelled ? "cancelled" : "failed", p.getMessage());
    }

    /** Waits until the query's result can be read; a wait that is interrupted cancels the query. */
    private static QueryExecution await(QueryExecution q, CompletableFuture<QueryExecution> readable) {
        try {
            return readable.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            q.cancel("interrupted");
            throw new PolaroidException(ErrorCode.CANCELLED, "interrupted while query " + q.id() + " ran");
        } catch (java.util.concurrent.ExecutionException e) {
            throw PolaroidException.wrap(e.getCause());
        }
    }

    /** The plan that planning produced, for {@link #execute}. */
    private record Planned(DistributedPlan plan, TaskFragments fragments) {
    }

    public AnalyzePlanResponse analyze(Plan planProto) {
        return PlanningStack.call("analyzing the plan", () -> guarded("analyzing", () -> analyzeHere(planProto)),
                () -> false, props.queryTimeout().toMillis());
    }

    private AnalyzePlanResponse analyzeHere(Plan planProto) {
        limits.check(planProto);
        QueryPlans plans = engine.plan(planNode(planProto));
        int parallelism = Math.max(1, registry.totalSlots() * props.partitionsPerWorker());
        String explain = "== Logical plan ==\n" + io.polaroid.engine.optimizer.PlanPrinter.print(plans.logical())
                + "== Optimized plan ==\n" + io.polaroid.engine.optimizer.PlanPrinter.print(plans.optimized())
                + "== Stages (for " + parallelism + " worker slots) ==\n" + distribute(plans, parallelism).explain();
        return AnalyzePlanResponse.newBuilder()
                .setArrowSchema(arrowSchemaMessage(plans.optimized().schema()))
                .setExplain(explain).build();
    }

    /** A schema as an Arrow IPC schema message, as {@code ExecutePlan} and {@code AnalyzePlan} return it. */
    static ByteString arrowSchemaMessage(io.polaroid.engine.types.Schema schema) {
        return ByteString.copyFrom(ArrowTypes.toArrow(schema).serializeAsMessage());
    }

    public org.apache.arrow.vector.types.pojo.Schema schema(Plan planProto) {
        return PlanningStack.call("planning the schema", () -> guarded("planning the schema", () -> {
            limits.check(planProto);
            return ArrowTypes.toArrow(engine.plan(planNode(planProto)).optimized().schema());
        }), () -> false, props.queryTimeout().toMillis());
    }

    /** The rows of a query the coordinator answered itself, as an Arrow IPC stream. */
    public record LocalAnswer(org.apache.arrow.vector.types.pojo.Schema schema, byte[] arrowIpc, long rows) {
    }

    /**
     * Where a plan runs: {@code answer} when the coordinator answered it, else {@code plan} (SQL
     * expanded) for the workers; {@code text} is what was asked, for the query list.
     */
    public record Routed(Plan plan, LocalAnswer answer, String text) {
    }

    /**
     * A plan that reads no file ({@code SELECT 1}, {@code SELECT current_date}) is answered here:
     * sending it to the workers would only add their round trips. Any other plan comes back with
     * its SQL expanded, ready for {@link #execute}, so SQL is planned once.
     */
    public Routed route(Plan planProto) {
        return PlanningStack.call("routing the query", () -> guarded("planning", () -> {
            limits.check(planProto);
            PlanNode node = planNode(planProto);
            if (io.polaroid.engine.dsl.PlanInputs.readsFiles(node)) {
                return new Routed(PlanCodec.encodePlan(node), null, PlanText.of(planProto));
            }
            try (org.apache.arrow.memory.BufferAllocator allocator = engine.rootAllocator().newChildAllocator("answer-here", 0,
                    LOCAL_ANSWER_BYTES);
                 io.polaroid.engine.session.QueryResult result = engine.execute(node, allocator)) {
                byte[] ipc = io.polaroid.engine.io.ipc.IpcWriter.toStreamBytes(result.schema(), result.batches(), allocator);
                return new Routed(null, new LocalAnswer(ArrowTypes.toArrow(result.schema()), ipc, result.rowCount()),
                        PlanText.of(planProto));
            }
        }), () -> false, props.queryTimeout().toMillis());
    }

    /** The memory a query the coordinator answers itself may take: such queries read no data. */
    private static final long LOCAL_ANSWER_BYTES = 64L << 20;

    /** The plan {@code planProto} asks for, with the catalog's tables and SQL resolved. */
    private PlanNode planNode(Plan planProto) {
        return engine.expandSql(PlanCodec.decodePlan(catalog.resolve(planProto)), catalog.sqlTables());
    }

    /** The types the {@code ?} placeholders of {@code sql} take (null where the query gives none). */
    public java.util.List<io.polaroid.engine.types.DataType> sqlParameterTypes(String sql) {
        return PlanningStack.call("planning the SQL", () -> guarded("planning the SQL",
                () -> engine.sqlParameterTypes(new PlanNode.Sql(sql, java.util.Map.of()), catalog.sqlTables())),
                () -> false, props.queryTimeout().toMillis());
    }

    /** Cancels a running query of {@code caller}; false when it has no such query running. */
    public boolean cancel(String id, Caller caller) {
        QueryExecution q = running.get(id);
        if (q == null || !caller.principal().equals(owners.get(id))) {
            return false;
        }
        q.cancel("cancelled by request");
        return true;
    }

    /**
     * Ends a query of {@code caller}'s for good: a running one is cancelled, a finished one has its
     * results freed on the workers now rather than when their time to live runs out (a client that
     * read what it wanted, or gave up, says so). False when {@code caller} has no such query.
     */
    public boolean release(String id, Caller caller) {
        if (!caller.principal().equals(owners.get(id))) {
            return false;
        }
        if (cancel(id, caller)) {
            // a streamed result's query runs while its client reads; it may also have just
            // succeeded, keeping its results: either way they are freed below
            awaitEnd(id, RELEASE_WAIT_MILLIS);
        }
        // The workers that held its results are not remembered once it ended: ask every live one
        // (releasing a query a worker does not hold is a no-op there).
        for (WorkerHandle w : registry.live()) {
            try {
                w.control().releaseQuery(io.polaroid.proto.v1.ReleaseRequest.newBuilder().setQueryId(id).setKeepResults(false).build());
            } catch (RuntimeException e) {
                log.debug("query {}: could not reach {} to free its results: {}", id, w.address(), e.toString());
            }
        }
        return true;
    }

    private static final long RELEASE_WAIT_MILLIS = 10_000;

    /**
     * {@link #release}, for a query whose result stream broke on an error: the error is usually
     * the query's own (a task failed while its result was read), and the scheduler learns it from
     * the worker a moment later. Waiting for that, a bounded time, lets the query end failed with
     * its error rather than cancelled by the release.
     */
    public boolean releaseBroken(String id, Caller caller) {
        if (!caller.principal().equals(owners.get(id))) {
            return false;
        }
        awaitEnd(id, BROKEN_WAIT_MILLIS);
        return release(id, caller);
    }

    private static final long BROKEN_WAIT_MILLIS = 5_000;

    /** Waits, a bounded time, until a cancelled query has ended and told its workers to free it. */
    private void awaitEnd(String id, long millis) {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
        while (running.containsKey(id) && System.nanoTime() < until) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The status of a query of {@code caller}; another principal's query is as unknown as a missing one. */
    public QueryStatus status(String id, Caller caller) {
        if (!caller.principal().equals(owners.get(id))) {
            throw new PolaroidException(ErrorCode.FILE_NOT_FOUND, "no query with id " + id);
        }
        QueryExecution q = running.get(id);
        if (q != null) {
            return q.status();
        }
        QueryStatus s = finished.get(id);
        if (s == null) {
            throw new PolaroidException(ErrorCode.FILE_NOT_FOUND, "no query with id " + id);
        }
        return s;
    }

    /** The queries of {@code caller}, running and remembered, the newest first. */
    public java.util.List<QueryStatus> list(Caller caller) {
        java.util.List<QueryStatus> out = new java.util.ArrayList<>();
        java.util.List<String> ids;
        synchronized (owners) {
            ids = owners.entrySet().stream().filter(e -> e.getValue().equals(caller.principal())).map(Map.Entry::getKey).toList();
        }
        for (String id : ids) {
            QueryExecution q = running.get(id);
            QueryStatus s = q != null ? q.status() : finished.get(id);
            if (s != null) {
                out.add(s);
            }
        }
        out.sort(java.util.Comparator.comparingLong(QueryStatus::getStartedAtMs).reversed());
        return out;
    }

    public Catalog catalog() {
        return catalog;
    }

    public WorkerRegistry registry() {
        return registry;
    }
}
