package io.polaroid.server.coordinator.scheduler;

import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.serde.fragment.TaskFragments;
import io.polaroid.server.security.TicketSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One query's scheduler wired to a simulated pool and a scripted client, running on its own
 * thread as it does in the coordinator; the test thread plays the workers.
 */
public final class SchedulerHarness {
    public final SimulatedPool pool = new SimulatedPool();
    public final ScriptedWorkerClient client = new ScriptedWorkerClient();
    private Duration workerWait = Duration.ofSeconds(5);
    private int taskAttempts = 4;
    private long timeoutMillis = 60_000;
    private BooleanSupplier clientGone = () -> false;
    private boolean pipeline;
    private boolean lendIdleSlots;
    private java.util.function.Consumer<java.util.List<ResultPlacement>> onStreaming;
    TaskTable table;
    QueryScheduler scheduler;
    QueryCleanup cleanup;

    public SchedulerHarness workerWait(Duration wait) {
        this.workerWait = wait;
        return this;
    }

    public SchedulerHarness taskAttempts(int attempts) {
        this.taskAttempts = attempts;
        return this;
    }

    public SchedulerHarness timeoutMillis(long millis) {
        this.timeoutMillis = millis;
        return this;
    }

    /** A stage starts once the stages it reads all run (they are read as they are made). */
    public SchedulerHarness pipeline(boolean pipeline) {
        this.pipeline = pipeline;
        return this;
    }

    /** A stage of fewer tasks than idle slots is lent their cores ({@link IdleSlots}). */
    public SchedulerHarness lendIdleSlots(boolean lend) {
        this.lendIdleSlots = lend;
        return this;
    }

    public SchedulerHarness clientGone(BooleanSupplier gone) {
        this.clientGone = gone;
        return this;
    }

    /** Streams the result: {@code onStreaming} is told where its tasks run once they all do. */
    public SchedulerHarness streaming(java.util.function.Consumer<java.util.List<ResultPlacement>> onStreaming) {
        this.onStreaming = onStreaming;
        return this;
    }

    /** Starts scheduling {@code plan}; the future ends with the run (exceptionally with what stopped it). */
    public CompletableFuture<Void> start(DistributedPlan plan) {
        table = new TaskTable(plan);
        cleanup = new QueryCleanup("q", pool, client);
        TaskRequests requests = new TaskRequests("q", new TaskFragments(plan), plan, new TicketSigner(null),
                Instant.now().plusSeconds(600), table, onStreaming != null);
        SchedulerSettings settings = new SchedulerSettings("q", workerWait, taskAttempts, System.nanoTime(), timeoutMillis,
                clientGone, pipeline, lendIdleSlots);
        scheduler = new QueryScheduler(plan, table, requests, client, pool, settings, cleanup);
        if (onStreaming != null) {
            scheduler.streamResult(onStreaming);
        }
        return CompletableFuture.runAsync(scheduler::run, r -> {
            Thread t = new Thread(r, "test-scheduler");
            t.setDaemon(true);
            t.start();
        });
    }

    /** What the run threw, waiting up to 5 s for it to end. */
    public static Throwable failure(CompletableFuture<Void> run) {
        try {
            run.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("the run did not end: " + e);
        }
        throw new AssertionError("the run succeeded");
    }

    /** Waits up to 5 s for the run to succeed. */
    public static void succeeded(CompletableFuture<Void> run) {
        try {
            run.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the run did not succeed", e);
        }
    }
}
