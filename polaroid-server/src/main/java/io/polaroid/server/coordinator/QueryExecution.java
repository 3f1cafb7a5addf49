package io.polaroid.server.coordinator;

import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.distributed.Stage;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.serde.fragment.TaskFragments;
import io.polaroid.proto.v1.QueryStatus;
import io.polaroid.server.common.Tickets;
import io.polaroid.server.config.SchedulerProperties;
import io.polaroid.server.coordinator.scheduler.QueryCleanup;
import io.polaroid.server.coordinator.scheduler.QueryScheduler;
import io.polaroid.server.coordinator.scheduler.ResultPlacement;
import io.polaroid.server.coordinator.scheduler.SchedulerSettings;
import io.polaroid.server.coordinator.scheduler.TaskRequests;
import io.polaroid.server.coordinator.scheduler.TaskTable;
import io.polaroid.server.coordinator.scheduler.WorkerClient;
import io.polaroid.server.coordinator.scheduler.WorkerPool;
import io.polaroid.server.security.TicketSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One query on the cluster, as the rest of the coordinator sees it: its state, its progress, and
 * where its result partitions are once it succeeded. The scheduling itself is the
 * {@link QueryScheduler}'s (stages in order, tasks on the least-loaded live workers, lost work run
 * again); what was made is in the {@link TaskTable}. At the end every worker that ran a task is
 * told to free the query: its shuffles on success, everything on failure or cancel.
 */
public final class QueryExecution {
    private static final Logger log = LoggerFactory.getLogger(QueryExecution.class);

    private final String id;
    private final DistributedPlan plan;
    private final TicketSigner tickets;
    private final String clientCredential;
    private final Instant resultsExpire;
    private final long startNanos = System.nanoTime();
    private final long startedAtMillis = System.currentTimeMillis();
    private final String text;
    private final TaskTable table;
    private final QueryScheduler scheduler;
    private final QueryCleanup cleanup;
    private volatile QueryStatus.State state = QueryStatus.State.RUNNING;
    private volatile String error = "";
    private volatile long endNanos;
    /** Where the result's tasks run, once they all do, when the result streams; null otherwise. */
    private volatile List<ResultPlacement> streamed;

    QueryExecution(String id, TaskFragments fragments, DistributedPlan plan, WorkerPool workers, WorkerClient client,
                   SchedulerProperties props, long timeoutMillis, BooleanSupplier clientGone, TicketSigner tickets,
                   String clientCredential, Duration resultTtl, boolean streamResult, String text) {
        this.id = id;
        this.text = text;
        this.plan = plan;
        this.tickets = tickets;
        this.clientCredential = clientCredential;
        this.resultsExpire = Instant.now().plusMillis(timeoutMillis).plus(resultTtl);
        this.table = new TaskTable(plan);
        this.cleanup = new QueryCleanup(id, workers, client);
        TaskRequests requests = new TaskRequests(id, fragments, plan, tickets, resultsExpire, table, streamResult);
        SchedulerSettings settings = new SchedulerSettings(id, props.workerWait(), props.taskAttempts(), startNanos,
                timeoutMillis, clientGone, props.pipeline(), props.lendIdleSlots());
        this.scheduler = new QueryScheduler(plan, table, requests, client, workers, settings, cleanup);
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

    /**
     * Streams the result to its client: {@code whenStreaming} runs (on the scheduling thread) once
     * every result task runs, and {@link #endpoints} can be read from then on. Call before {@link #run}.
     */
    void onResultStreaming(Runnable whenStreaming) {
        scheduler.streamResult(placements -> {
            streamed = List.copyOf(placements);
            whenStreaming.run();
        });
    }

    /** Runs the query to its end; throws what made it fail (and then frees what it made). */
    void run() {
        try {
            scheduler.run();
            state = QueryStatus.State.SUCCEEDED;
            endNanos = System.nanoTime();
            if (log.isDebugEnabled()) {
                log.debug("query {} stage times: {}", id, scheduler.stageTimes(startNanos));
            }
        } catch (Throwable t) {
            PolaroidException e = PolaroidException.wrap(t);
            state = e.code() == ErrorCode.CANCELLED ? QueryStatus.State.CANCELLED : QueryStatus.State.FAILED;
            error = e.getMessage();
            endNanos = System.nanoTime();
            cleanup.cancel();
            throw e;
        }
    }

    /**
     * After a successful {@link #run}: frees the partitions the query's stages passed each other on
     * the workers that ran its tasks, keeping the result for its client. Apart from {@link #run} so
     * that the client need not wait for it: it is a call to each of those workers.
     */
    void releaseShuffles() {
        cleanup.release();
    }

    /** Asks the query to stop; the scheduling thread wakes and stops it. */
    public void cancel(String reason) {
        scheduler.cancel(reason);
    }

    /**
     * Where the result partitions are, in result order. A streamed result's are where its tasks
     * run, and what they hold is not known yet (-1).
     */
    public List<Endpoint> endpoints() {
        Stage root = plan.root();
        List<Endpoint> out = new ArrayList<>();
        List<ResultPlacement> placements = streamed;
        if (placements != null) {
            for (int k = 0; k < placements.size(); k++) {
                ResultPlacement p = placements.get(k);
                out.add(new Endpoint(p.worker().address(), tickets.sign(new Tickets(id, root.id(), k, p.attempt(), 0),
                        clientCredential, resultsExpire), -1, -1, resultsExpire));
            }
            return out;
        }
        for (int k = 0; k < root.tasks(); k++) {
            out.add(new Endpoint(table.holder(root.id(), k).address(),
                    tickets.sign(new Tickets(id, root.id(), k, table.finalAttempt(root.id(), k), 0), clientCredential,
                            resultsExpire),
                    table.rows(root.id(), k), table.bytes(root.id(), k), resultsExpire));
        }
        return out;
    }

    /** A result partition: where, its signed ticket, what it holds (-1: not known yet), and until when the ticket is good. */
    public record Endpoint(String address, byte[] ticket, long rows, long bytes, Instant expires) {
    }

    public QueryStatus status() {
        long end = endNanos != 0 ? endNanos : System.nanoTime();
        long resultBytes = 0;
        for (int k = 0; k < plan.root().tasks(); k++) {
            resultBytes += table.bytes(plan.root().id(), k);
        }
        return QueryStatus.newBuilder().setQueryId(id).setState(state).setStagesDone(scheduler.stagesDone())
                .setStagesTotal(plan.stages().size()).setTasksDone(table.tasksDone()).setTasksTotal(plan.taskCount())
                .setTasksRetried(table.tasksRetried()).setRows(totalRows()).setBytes(resultBytes)
                .setRowsScanned(table.rowsScanned()).setBytesScanned(table.bytesScanned()).setSpilledBytes(table.spilledBytes())
                .setElapsedMs(TimeUnit.NANOSECONDS.toMillis(end - startNanos)).setError(error)
                .addAllStages(scheduler.stageStatuses(startNanos)).setStartedAtMs(startedAtMillis).setText(text).build();
    }

    public int tasksRetried() {
        return table.tasksRetried();
    }

    /** Rows of the result so far. */
    public long totalRows() {
        long rows = 0;
        for (int k = 0; k < plan.root().tasks(); k++) {
            rows += table.rows(plan.root().id(), k);
        }
        return rows;
    }
}
