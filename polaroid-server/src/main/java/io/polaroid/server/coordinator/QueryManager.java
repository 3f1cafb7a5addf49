package io.polaroid.server.coordinator;

import com.google.protobuf.ByteString;
import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.distributed.DistributedPlanner;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.serde.PlanCodec;
import io.polaroid.engine.serde.PlanJson;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
    private final SchedulerProperties props;
    private final PolaroidMetrics metrics;
    private final Catalog catalog;
    private final Map<String, QueryExecution> running = new ConcurrentHashMap<>();
    private final Map<String, QueryStatus> finished;
    /** Who started each query (running or remembered): only they may see or cancel it. */
    private final Map<String, String> owners;
    private final TicketSigner tickets;
    private final Duration resultTtl;

    public QueryManager(QueryEngine engine, WorkerRegistry registry, SchedulerProperties props, PolaroidMetrics metrics,
                        Catalog catalog, TicketSigner tickets, Duration resultTtl) {
        this.tickets = tickets;
        this.resultTtl = resultTtl;
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
     * A plan as a Flight command carries it: binary {@code polaroid.v1.Plan}, or its JSON form.
     * A binary plan can look like JSON: its first byte, the tag of field 1, is a newline, and a
     * root of 123 bytes has the length byte '{'. So a command that looks like JSON but is not is
     * read as binary before it is refused (with the JSON error, the likelier mistake).
     */
    public static Plan parseCommand(byte[] command) {
        int i = 0;
        while (i < command.length && Character.isWhitespace(command[i])) {
            i++;
        }
        if (i < command.length && command[i] == '{') {
            try {
                return PlanJson.parse(new String(command, StandardCharsets.UTF_8));
            } catch (PolaroidException notJson) {
                try {
                    Plan binary = Plan.parseFrom(command);
                    if (binary.hasRoot() && binary.getUnknownFields().asMap().isEmpty()) {
                        return binary;
                    }
                } catch (com.google.protobuf.InvalidProtocolBufferException notBinary) {
                    // neither: the JSON error says more
                }
                throw notJson;
            }
        }
        try {
            return Plan.parseFrom(command);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw PolaroidException.invalidPlan("the command is neither a polaroid.v1.Plan message nor its JSON form: "
                    + e.getMessage());
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
        return new DistributedPlanner(parallelism, props.broadcastThreshold().toBytes()).plan(plans.optimized());
    }

    /**
     * Runs the plan to completion for {@code caller}, whose credential its result tickets are bound
     * to; {@code clientGone} is polled, and cancels the query when true.
     */
    public QueryExecution execute(Plan planProto, String requestedId, long timeoutMillis, BooleanSupplier clientGone,
                                  Caller caller) {
        String id = requestedId == null || requestedId.isBlank() ? UUID.randomUUID().toString() : requestedId;
        if (id.contains("/")) {
            throw PolaroidException.invalidPlan("a query id cannot contain '/': " + id);
        }
        MDC.put("queryId", id);
        long start = System.nanoTime();
        metrics.query("started");
        try {
            Plan resolved = catalog.resolve(planProto);
            PlanNode node = PlanCodec.decodePlan(resolved);
            int parallelism = parallelism();
            DistributedPlan plan = distribute(engine.plan(node), parallelism);
            long timeout = timeoutMillis > 0 ? timeoutMillis : props.queryTimeout().toMillis();
            QueryExecution q = new QueryExecution(id, resolved, plan, parallelism, props.broadcastThreshold().toBytes(),
                    registry, props, timeout, clientGone, tickets, caller.credential(), resultTtl);
            if (running.putIfAbsent(id, q) != null) {
                throw PolaroidException.invalidPlan("a query with id " + id + " is already running");
            }
            owners.put(id, caller.principal());
            log.info("query {}: {} stages, {} tasks on {} workers", id, plan.stages().size(), plan.taskCount(),
                    registry.live().size());
            // Calls to workers must not inherit the client call's deadline or cancellation: the
            // query stops through clientGone, and then it still has to reach the workers to stop.
            io.grpc.Context previous = io.grpc.Context.ROOT.attach();
            try {
                q.run();
            } finally {
                io.grpc.Context.ROOT.detach(previous);
                running.remove(id);
                finished.put(id, q.status());
            }
            metrics.query("succeeded");
            log.info("query {} succeeded in {} ms, {} rows", id, (System.nanoTime() - start) / 1_000_000, q.totalRows());
            return q;
        } catch (RuntimeException e) {
            PolaroidException p = PolaroidException.wrap(e);
            metrics.query(p.code() == ErrorCode.CANCELLED ? "cancelled" : "failed");
            log.info("query {} {}: {}", id, p.code() == ErrorCode.CANCELLED ? "cancelled" : "failed", p.getMessage());
            finished.putIfAbsent(id, QueryStatus.newBuilder().setQueryId(id)
                    .setState(p.code() == ErrorCode.CANCELLED ? QueryStatus.State.CANCELLED : QueryStatus.State.FAILED)
                    .setError(p.getMessage()).build());
            throw p;
        } finally {
            metrics.queryLatency(Duration.ofNanos(System.nanoTime() - start));
            MDC.remove("queryId");
        }
    }

    public AnalyzePlanResponse analyze(Plan planProto) {
        PlanNode node = PlanCodec.decodePlan(catalog.resolve(planProto));
        QueryPlans plans = engine.plan(node);
        int parallelism = Math.max(1, registry.totalSlots() * props.partitionsPerWorker());
        String explain = "== Logical plan ==\n" + io.polaroid.engine.plan.PlanPrinter.print(plans.logical())
                + "== Optimized plan ==\n" + io.polaroid.engine.plan.PlanPrinter.print(plans.optimized())
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
        return ArrowTypes.toArrow(engine.plan(PlanCodec.decodePlan(catalog.resolve(planProto))).optimized().schema());
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

    public Catalog catalog() {
        return catalog;
    }

    public WorkerRegistry registry() {
        return registry;
    }
}
