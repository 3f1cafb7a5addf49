package io.polaroid.server.coordinator.scheduler;

import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.distributed.Stage;
import io.polaroid.engine.serde.fragment.TaskFragments;
import io.polaroid.proto.v1.RunTaskRequest;
import io.polaroid.server.security.TicketSigner;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Schedules one large query on simulated workers and measures what the coordinator spends on it:
 * the CPU time of the scheduling thread (the simulated workers answer on a thread of their own)
 * and the heap its state takes per queued task.
 *
 * <p>The query has 10 stages alternating wide and narrow: a wide stage (a scan, or a scan joined
 * with the broadcast output of the narrow stage before it) hash-partitions into the narrow stage
 * after it, which aggregates into one partition. So every shuffle is counted honestly: each narrow
 * task is sent one location per wide task (wide times narrow locations per shuffle), and each wide
 * task the narrow stage's locations (built once and shared). A share of attempts fails, losing
 * their worker or an input partition, and what was lost runs again.
 *
 * <p>Memory is measured twice. From the heap: after a full GC before the query, and again when
 * the first wide stage is queued whole on the workers (nothing answered yet), over the number of
 * queued tasks; this counts every task slot of the whole query, the in-flight index, and the
 * simulated workers' queue entries and requests, so it is an upper bound. From the arrays: the
 * bytes of the task table and in-flight index, over the query's tasks.
 *
 * <p>Run by {@code make sim} (the full size), or {@code SchedulerSimulationTest}.
 */
public final class SchedulerSimulation {
    /**
     * Attempts a task may lose. Its failures are harsher than a cluster's: half of them lose a worker,
     * and with it about 20 queued attempts (each charged) and 100 outputs, so over 100,000 tasks the
     * most charged to one task reaches the default budget of 4 in about one run in four. The run
     * measures cost, not the budget (the scheduler tests cover that): it allows 8 and prints the most.
     */
    static final int TASK_ATTEMPTS = 8;
    /** The sizes of one run. */
    public record Size(int workers, int slots, int wideTasks, int narrowTasks, double failureRate) {
        public static final Size FULL = new Size(1000, 8, 19_980, 20, 0.01);
        public static final Size BOUNDED = new Size(100, 8, 1_998, 2, 0.01);

        int tasks() {
            return 5 * wideTasks + 5 * narrowTasks;
        }
    }

    /** What a run measured. */
    public record Result(Size size, int attempts, int retried, long workersLost, long partitionsLost, long locations,
                         int mostFailures, long schedulingCpuNanos, int queuedTasks, long heapBytesQueued,
                         long stateBytes, long wallNanos) {
        public double heapBytesPerQueuedTask() {
            return (double) heapBytesQueued / queuedTasks;
        }

        public double stateBytesPerTask() {
            return (double) stateBytes / size.tasks();
        }

        @Override
        public String toString() {
            return String.format("%,d tasks over %,d workers: %,d attempts (%,d retried; %,d workers and %,d partitions "
                    + "lost), %,d input locations sent, at most %d failures charged to one task (of %d allowed)%n  scheduling thread CPU %,d ms (requests included), "
                    + "wall %,d ms%n  heap %,.0f bytes per queued task (%,d queued, %,d bytes), state arrays %,.0f bytes "
                    + "per task", size.tasks(), size.workers(), attempts, retried, workersLost, partitionsLost,
                    locations, mostFailures, TASK_ATTEMPTS, schedulingCpuNanos / 1_000_000, wallNanos / 1_000_000,
                    heapBytesPerQueuedTask(), queuedTasks, heapBytesQueued, stateBytesPerTask());
        }
    }

    private SchedulerSimulation() {
    }

    static DistributedPlan plan(Size size) {
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < 10; i += 2) {
            Integer[] wideInputs = i == 0 ? new Integer[0] : new Integer[] {i - 1};
            stages.add(TestPlans.hashed(i, size.wideTasks(), size.narrowTasks(), wideInputs));
            stages.add(TestPlans.single(i + 1, size.narrowTasks(), i));
        }
        return new DistributedPlan(stages, false);
    }

    public static Result run(Size size) throws Exception {
        DistributedPlan plan = plan(size);
        int[] partitions = plan.stages().stream().mapToInt(Stage::partitions).toArray();
        try (SimulatedCluster cluster = new SimulatedCluster(size.workers(), size.slots(), partitions, size.failureRate())) {
            long baseline = usedHeapAfterGc();
            TaskTable table = new TaskTable(plan);
            TaskRequests requests = new TaskRequests("q", new TaskFragments(plan), plan, new TicketSigner(null),
                    Instant.now().plusSeconds(3600), table);
            AtomicLong locations = new AtomicLong();
            TaskRequestFactory counted = (stage, task, attempt, worker) -> {
                RunTaskRequest r = requests.build(stage, task, attempt, worker);
                for (int i = 0; i < r.getInputsCount(); i++) {
                    locations.addAndGet(r.getInputs(i).getPartitionsCount());
                }
                return r;
            };
            SchedulerSettings settings = new SchedulerSettings("q", Duration.ofSeconds(10), TASK_ATTEMPTS, System.nanoTime(),
                    600_000, () -> false, false, false);
            QueryScheduler scheduler = new QueryScheduler(plan, table, counted, cluster, cluster.pool, settings,
                    new QueryCleanup("q", cluster.pool, cluster));
            AtomicLong cpu = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread thread = new Thread(() -> {
                try {
                    scheduler.run();
                } catch (Throwable t) {
                    failure.set(t);
                } finally {
                    cpu.set(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                }
            }, "simulated-coordinator");
            long start = System.nanoTime();
            thread.start();
            while (cluster.queued() < size.wideTasks() && thread.isAlive()) {
                Thread.sleep(5);
            }
            int queued = cluster.queued();
            long heapQueued = usedHeapAfterGc() - baseline;
            long stateBytes = scheduler.stateBytes();
            cluster.open();
            thread.join();
            long wall = System.nanoTime() - start;
            if (failure.get() != null) {
                throw new AssertionError("the simulated query failed", failure.get());
            }
            // (stages upstream may miss outputs lost after the stages reading them completed: they are no longer needed)
            int root = plan.root().id();
            if (table.missing(root) != 0) {
                throw new AssertionError("the result misses " + table.missing(root) + " tasks");
            }
            return new Result(size, (int) cluster.sent.get(), table.tasksRetried(), cluster.workersLost.get(),
                    cluster.partitionsLost.get(), locations.get(), table.mostFailures(), cpu.get(), queued, heapQueued,
                    stateBytes, wall);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** {@code make sim}: the full size, then the bounded one that {@code make test} runs. */
    public static void main(String[] args) throws Exception {
        System.out.println("full:    " + run(Size.FULL));
        System.out.println("bounded: " + run(Size.BOUNDED));
    }
}
