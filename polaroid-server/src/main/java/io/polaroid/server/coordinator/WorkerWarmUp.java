package io.polaroid.server.coordinator;

import io.polaroid.server.common.DaemonThreads;
import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.distributed.DistributedPlanner;
import io.polaroid.engine.distributed.Stage;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.serde.fragment.TaskFragments;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.warmup.EngineWarmUp;
import io.polaroid.proto.v1.RunTaskRequest;
import io.polaroid.server.coordinator.scheduler.TaskRequests;
import io.polaroid.server.coordinator.scheduler.TaskTable;
import io.polaroid.server.coordinator.scheduler.Worker;
import io.polaroid.server.coordinator.scheduler.WorkerClient;
import io.polaroid.server.security.TicketSigner;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each worker that registers one small task, as a query's first stage would be sent: the
 * coordinator's channel to it opens, and both sides load and compile the task path (the request,
 * its fragment decoded, partitions held, the query freed) before the first user's query, which
 * otherwise pays for it (measured: about 300 ms between sending a cold worker its first task and
 * the task starting). The task's query is then cancelled, which frees it. Best effort: a warm-up
 * that fails is logged and forgotten.
 */
final class WorkerWarmUp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerWarmUp.class);
    private static final int ROWS = 2_000;

    private final QueryEngine engine;
    private final TicketSigner tickets;
    private final WorkerClient client;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(DaemonThreads.named("polaroid-worker-warm-up"));
    private DistributedPlan plan;
    private TaskFragments fragments;

    WorkerWarmUp(QueryEngine engine, TicketSigner tickets, WorkerClient client) {
        this.engine = engine;
        this.tickets = tickets;
        this.client = client;
    }

    /** Warms {@code worker} up in the background. */
    void warm(Worker worker) {
        sender.execute(() -> {
            try {
                RunTaskRequest request = request(worker);
                long start = System.nanoTime();
                client.runTask(worker, request, outcome -> {
                    log.debug("warmed up the worker at {} in {} ms: {}", worker.address(),
                            (System.nanoTime() - start) / 1_000_000, outcome.getClass().getSimpleName());
                    client.cancelQuery(worker, request.getQueryId());
                });
            } catch (RuntimeException e) {
                log.debug("could not warm up the worker at {}: {}", worker.address(), e.toString());
            }
        });
    }

    /** A leaf task of a small aggregation, for {@code worker}: planned once, sent under a new query id each time. */
    private RunTaskRequest request(Worker worker) {
        if (plan == null) {
            try (BufferAllocator allocator = engine.rootAllocator().newChildAllocator("worker-warm-up", 0, Long.MAX_VALUE)) {
                PlanNode table = new PlanNode.InMemory(EngineWarmUp.table(ROWS, allocator));
                PlanNode query = new PlanNode.Sql("SELECT flag, count(*) AS n, sum(price) AS total FROM t GROUP BY flag",
                        Map.of("t", table));
                plan = new DistributedPlanner(2, 0).plan(engine.plan(query).optimized());
                fragments = new TaskFragments(plan);
            }
        }
        Stage leaf = plan.stages().stream().filter(s -> s.inputs().isEmpty()).findFirst().orElseThrow();
        String queryId = "warm-up-" + UUID.randomUUID();
        return new TaskRequests(queryId, fragments, plan, tickets, Instant.now().plusSeconds(60), new TaskTable(plan))
                .build(leaf, 0, 1, worker);
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
