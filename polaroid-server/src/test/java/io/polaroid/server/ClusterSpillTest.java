package io.polaroid.server;

import static io.polaroid.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.DataFrame;
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
            double spilled = 0;
            for (int w = 0; w < cluster.workerCount(); w++) {
                Matcher m = SPILLED.matcher(Actuator.get(cluster.workerHttpPort(w), "/actuator/prometheus"));
                assertThat(m.find()).as("worker %d reports polaroid_spilled_bytes_total", w).isTrue();
                spilled += Double.parseDouble(m.group(1));
            }
            assertThat(spilled).as("bytes the workers spilled").isPositive();
            try (Stream<Path> files = Files.walk(spillDir)) {
                assertThat(files.filter(Files::isRegularFile).toList()).as("spill files left").isEmpty();
            }
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
