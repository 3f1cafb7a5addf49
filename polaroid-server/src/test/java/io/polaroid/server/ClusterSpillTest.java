package io.polaroid.server;

import static io.polaroid.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.DataFrame;
import io.polaroid.Functions;
import io.polaroid.LazyFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.testing.Rows;
import io.polaroid.tpch.TpchData;
import io.polaroid.tpch.TpchQueries;
import io.polaroid.tpch.TpchTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers whose operators may hold only a few kilobytes each (polaroid.spill.operator-bytes, set
 * through the environment as a container would): joins, aggregations and sorts go to disk, the
 * cluster still gives local mode's rows, the workers count what they spilled in
 * {@code polaroid_spilled_bytes_total}, and no spill file outlives its task.
 */
class ClusterSpillTest {
    private static final Pattern SPILLED = Pattern.compile("(?m)^polaroid_spilled_bytes_total(?:\\{[^}]*})? ([0-9.eE+]+)$");

    @TempDir
    Path spillDir;

    @Test
    void workersThatSpillGiveLocalModesRowsAndLeaveNoFiles() throws IOException {
        Path data = TpchData.testData();
        Map<String, String> workerEnv = Map.of("POLAROID_SPILL_OPERATORBYTES", "32KB", "POLAROID_SPILL_DIR", spillDir.toString());
        try (LocalCluster cluster = new LocalCluster("spill", 2, List.of(data.toString()), Map.of(), workerEnv);
             Polaroid remote = Polaroid.connect(cluster.url());
             Polaroid local = Polaroid.local(EngineConfig.defaults().withThreads(2))) {
            TpchTables onCluster = new TpchTables(remote, data);
            TpchTables inProcess = new TpchTables(local, data);
            for (int q : new int[] {3, 9, 13, 18, 21}) {
                assertSameRows("Q" + q, t -> TpchQueries.query(q, t), inProcess, onCluster, false);
            }
            assertSameRows("orders by comment", t -> t.orders().select(col("o_comment"), col("o_orderkey"))
                    .sort("o_comment", "o_orderkey"), inProcess, onCluster, true);
            assertThat(spilledBytes(cluster, 0) + spilledBytes(cluster, 1)).as("bytes the workers spilled").isPositive();
            try (LazyFrame.Profile profile = TpchQueries.query(18, onCluster).profile()) {
                List<List<Object>> whole = profile.timings().rows();
                assertThat(whole).as("on a cluster, one row for the whole query").hasSize(1);
                assertThat(profile.timings().columns()).startsWith("node", "start", "end");
                int rows = profile.timings().columns().indexOf("rows");
                int spilled = profile.timings().columns().indexOf("spilled_bytes");
                assertThat(((Number) whole.get(0).get(rows)).longValue()).isEqualTo(profile.result().height());
                assertThat(((Number) whole.get(0).get(spilled)).longValue()).as("bytes Q18 spilled").isPositive();
            }
            assertThat(spillFiles()).as("spill files left").isEmpty();
        }
    }

    /**
     * Workers whose partition store may hold only 64 KB: shuffle outputs and results go to disk as
     * their tasks end and are served from there. A worker killed while it holds some is recovered as any lost
     * worker (its tasks run again elsewhere), and the worker started after it removes its files.
     */
    @Test
    void shuffleOutputOnDiskGivesLocalModesRowsAndAKilledWorkersFilesAreSwept() throws Exception {
        Path data = TpchData.splitTestData(); // several files a table: several tasks a stage, and shuffles
        Map<String, String> workerEnv = Map.of("POLAROID_WORKER_STOREMEMORY", "64KB", "POLAROID_SPILL_DIR", spillDir.toString());
        // results wait whole on the workers until read, as shuffle outputs do
        try (LocalCluster cluster = new LocalCluster("store-spill", 2, List.of(data.toString()), Map.of(), workerEnv,
                "--polaroid.results.stream=false");
             Polaroid remote = Polaroid.connect(cluster.url());
             Polaroid local = Polaroid.local(EngineConfig.defaults().withThreads(2))) {
            TpchTables onCluster = new TpchTables(remote, data);
            TpchTables inProcess = new TpchTables(local, data);
            for (int q : new int[] {3, 9, 18}) {
                assertSameRows("Q" + q, t -> TpchQueries.query(q, t), inProcess, onCluster, false);
            }
            assertThat(spilledBytes(cluster, 0) + spilledBytes(cluster, 1)).as("bytes the workers' stores spilled").isPositive();
            cluster.assertWorkersHoldNothing(15_000);
            assertThat(spillFiles()).as("released partitions take their files").isEmpty();

            Function<TpchTables, LazyFrame> selfJoin = t -> t.lineitem().select("l_partkey", "l_quantity")
                    .join(t.lineitem().select("l_partkey", "l_quantity").rename("l_quantity", "q2"), "l_partkey", "inner")
                    .groupBy("l_partkey").agg(Functions.len().alias("pairs"), col("q2").sum().alias("q"));
            List<List<Object>> expected;
            try (DataFrame df = selfJoin.apply(inProcess).collect()) {
                expected = df.rows();
            }
            CompletableFuture<List<List<Object>>> run = CompletableFuture.supplyAsync(() -> {
                try (DataFrame df = selfJoin.apply(onCluster).collect()) {
                    return df.rows();
                }
            });
            String victimFolder = "polaroid-spill-" + cluster.workerPid(1) + "-";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (spillFiles().stream().noneMatch(f -> f.getParent().getFileName().toString().startsWith(victimFolder))) {
                assertThat(System.nanoTime()).as("worker 1 holds a partition on disk").isLessThan(deadline);
                assertThat(run).as("the query is still running").isNotDone();
                LocalCluster.sleep(2);
            }
            cluster.kill(1);
            assertThat(Rows.difference(expected, run.get(2, TimeUnit.MINUTES), false)).isNull();
            assertThat(spillFiles()).as("a killed worker cannot delete its files").isNotEmpty();

            cluster.addWorker();
            cluster.awaitWorkers(2);
            cluster.assertWorkersHoldNothing(15_000);
            assertThat(spillFiles()).as("files left after the new worker swept the dead one's").isEmpty();
        }
    }

    private static double spilledBytes(LocalCluster cluster, int worker) {
        Matcher m = SPILLED.matcher(Actuator.get(cluster.workerHttpPort(worker), "/actuator/prometheus"));
        assertThat(m.find()).as("worker %d reports polaroid_spilled_bytes_total", worker).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private List<Path> spillFiles() throws IOException {
        try (Stream<Path> files = Files.walk(spillDir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static void assertSameRows(String what, Function<TpchTables, LazyFrame> query, TpchTables local,
                                       TpchTables cluster, boolean ordered) {
        List<List<Object>> expected;
        try (DataFrame df = query.apply(local).collect()) {
            expected = df.rows();
        }
        assertThat(expected).as(what).isNotEmpty();
        try (DataFrame df = query.apply(cluster).collect()) {
            assertThat(Rows.difference(expected, df.rows(), ordered)).as(what).isNull();
        }
    }
}
