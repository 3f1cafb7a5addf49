package io.polaroid.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.DataFrame;
import io.polaroid.LazyFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.testing.Rows;
import io.polaroid.tpch.TpchData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs queries over lineitem, split into several files, in local mode and on a cluster of two
 * worker processes, and checks that the cluster gives local mode's rows (in any order).
 */
final class LocalModeOnCluster {
    private LocalModeOnCluster() {
    }

    static void check(String name, Map<String, Function<LazyFrame, LazyFrame>> queries) {
        Path data = TpchData.splitTestData();
        String lineitem = data.resolve("lineitem.parquet").toString();
        try (LocalCluster cluster = new LocalCluster(name, 2, List.of(data.toString()));
             Polaroid remote = Polaroid.connect(cluster.url());
             Polaroid local = Polaroid.local(EngineConfig.defaults().withThreads(2))) {
            for (Map.Entry<String, Function<LazyFrame, LazyFrame>> q : queries.entrySet()) {
                List<List<Object>> expected;
                try (DataFrame df = q.getValue().apply(local.scanParquet(lineitem)).collect()) {
                    expected = df.rows();
                }
                assertThat(expected).as(q.getKey()).isNotEmpty();
                try (DataFrame df = q.getValue().apply(remote.scanParquet(lineitem)).collect()) {
                    assertThat(Rows.difference(expected, df.rows(), false)).as(q.getKey()).isNull();
                }
                System.out.printf("%s: %d rows, same on the cluster%n", q.getKey(), expected.size());
            }
        }
    }
}
