package io.polaroid.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.testing.Rows;
import io.polaroid.proto.v1.WorkerStatus;
import io.polaroid.tpch.TpchData;
import io.polaroid.tpch.TpchQueries;
import io.polaroid.tpch.TpchTables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Workers that freeze and coordinators that die, against real processes. A worker stopped with
 * SIGSTOP keeps its connections open and answers nothing: the query must give it up once the
 * registry declares it dead and finish on the others while it is still frozen, with the right
 * rows; when it wakes, what it held belongs to a dead epoch and must never reach an answer. A
 * coordinator killed with {@code kill -9} leaves workers that free its queries on their own.
 * {@code -Dpolaroid.freeze.trials=N} runs more trials than the default one per query.
 */
class ClusterFreezeTest {
    private static final int[] QUERIES = {3, 5, 9, 18, 21};
    private static final long HEARTBEAT_TIMEOUT_MILLIS = 2_000;
    private static final long FROZEN_MAX_MILLIS = 30_000;

    private final Path data = TpchData.splitTestData();

    @Test
    void aFrozenWorkerNeverChangesAnAnswerAndDoesNotStallTheQuery() throws Exception {
        int trials = Integer.getInteger("polaroid.freeze.trials", QUERIES.length);
        try (LocalCluster cluster = new LocalCluster("freeze", 3, List.of(data.toString()),
                "--polaroid.scheduler.broadcast-threshold=64KB");
             Polaroid remote = Polaroid.connect(cluster.url());
             Polaroid local = Polaroid.local(EngineConfig.defaults().withThreads(2))) {
            TpchTables remoteTables = new TpchTables(remote, data);
            TpchTables localTables = new TpchTables(local, data);
            Map<Integer, List<List<Object>>> expected = new HashMap<>();
            List<String> report = new ArrayList<>();
            int right = 0;
            for (int trial = 0; trial < trials; trial++) {
                int q = QUERIES[trial % QUERIES.length];
                List<List<Object>> want = expected.computeIfAbsent(q, k -> rows(TpchQueries.query(k, localTables).collect()));
                long healthyStart = System.nanoTime();
                assertThat(Rows.difference(want, rows(TpchQueries.query(q, remoteTables).collect()), true)).isNull();
                long healthy = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healthyStart);

                int victim = trial % cluster.workerCount();
                long delay = healthy * (trial % 3) / 3; // before the first task, early, or late in the query
                long start = System.nanoTime();
                CompletableFuture<List<List<Object>>> run = CompletableFuture.supplyAsync(
                        () -> rows(TpchQueries.query(q, remoteTables).collect()));
                LocalCluster.sleep(delay);
                cluster.freeze(victim);
                List<List<Object>> got;
                boolean whileFrozen = true;
                try {
                    got = run.get(FROZEN_MAX_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stalled) {
                    whileFrozen = false;
                    cluster.resume(victim);
                    got = run.get(60, TimeUnit.SECONDS);
                }
                long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                cluster.resume(victim);
                String diff = Rows.difference(want, got, true);
                long target = HEARTBEAT_TIMEOUT_MILLIS + 2 * healthy;
                report.add(String.format("trial %d Q%d worker %d frozen after %d ms: %s in %d ms (healthy %d ms, target %d ms)%s",
                        trial, q, victim, delay, diff == null ? "right" : "WRONG", elapsed, healthy, target,
                        whileFrozen ? "" : ", stalled"));
                assertThat(diff).as("Q%d with worker %d frozen after %d ms", q, victim, delay).isNull();
                assertThat(whileFrozen).as("Q%d finished while worker %d was frozen", q, victim).isTrue();
                right++;
                cluster.awaitWorkers(3); // the resumed worker registers again, as a new epoch
            }
            report.forEach(System.out::println);
            System.out.printf("freeze trials: %d, right answers: %d, wrong: 0%n", trials, right);
            cluster.assertWorkersHoldNothing(15_000);
        }
    }

    @Test
    void workersFreeTheQueriesOfACoordinatorThatDied() throws Exception {
        try (LocalCluster cluster = new LocalCluster("orphans", 2, List.of(data.toString()),
                Map.of(), Map.of("POLAROID_WORKER_ORPHANTIMEOUT", "5s"));
             Polaroid remote = Polaroid.connect(cluster.url())) {
            TpchTables tables = new TpchTables(remote, data);
            CompletableFuture<Void> query = CompletableFuture.runAsync(() -> {
                try (DataFrame df = TpchQueries.query(21, tables).collect()) {
                    df.height();
                }
            });
            awaitWorkerActivity(cluster);
            long killed = System.nanoTime();
            cluster.killCoordinator();
            cluster.assertWorkersHoldNothing(60_000);
            System.out.printf("workers idle %d ms after the coordinator was killed (orphan timeout 5 s)%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
            query.handle((ok, failed) -> null).get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Waits until some worker holds a finished task's output, so that the kill lands mid-query and
     * only the orphan timeout can free what is held (a running task also stops when its call from
     * the coordinator breaks).
     */
    private static void awaitWorkerActivity(LocalCluster cluster) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (int w = 0; w < cluster.workerCount(); w++) {
                WorkerStatus s = cluster.workerStatus(w);
                if (s.getHeldPartitions() > 0) {
                    return;
                }
            }
            LocalCluster.sleep(5);
        }
        throw new AssertionError("no worker started on the query within 30 s");
    }


    private static List<List<Object>> rows(DataFrame df) {
        try (df) {
            return df.rows();
        }
    }
}
