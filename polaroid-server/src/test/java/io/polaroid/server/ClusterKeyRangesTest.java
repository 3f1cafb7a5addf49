package io.polaroid.server;

import static io.polaroid.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.testing.Rows;
import io.polaroid.tpch.TpchData;
import io.polaroid.tpch.TpchQueries;
import io.polaroid.tpch.TpchTables;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TPC-H queries whose joins and aggregations are on the order key, on a cluster of two worker
 * processes reading tables of many small row groups in order-key order: the scans are split by
 * key ranges, each task keeps its own keys of the row groups it shares with a neighbour, and
 * nothing is shuffled between lineitem and orders. The cluster gives local mode's rows.
 */
class ClusterKeyRangesTest {
    @Test
    void queriesOnTheKeyTheFilesAreOrderedByGiveLocalModesRows() {
        Path data = TpchData.splitTestData();
        try (LocalCluster cluster = new LocalCluster("key-ranges", 2, List.of(data.toString()));
             Polaroid remote = Polaroid.connect(cluster.url());
             Polaroid local = Polaroid.local(EngineConfig.defaults().withThreads(2))) {
            TpchTables onCluster = new TpchTables(remote, data);
            TpchTables inProcess = new TpchTables(local, data);
            for (int q : new int[] {2, 3, 4, 18, 21}) {
                List<List<Object>> expected;
                try (DataFrame df = TpchQueries.query(q, inProcess).collect()) {
                    expected = df.rows();
                }
                assertThat(expected).as("Q%d", q).isNotEmpty();
                try (DataFrame df = TpchQueries.query(q, onCluster).collect()) {
                    assertThat(Rows.difference(expected, df.rows(), false)).as("Q%d", q).isNull();
                }
                assertThat(TpchQueries.query(q, onCluster).explain()).as("Q%d", q).contains("key ranges");
            }
            // orders split by lineitem's ranges: outer and anti joins that would make a neighbour's
            // orders again, unmatched, if a task kept more than its own keys
            for (String how : List.of("left", "anti")) {
                java.util.function.Function<TpchTables, io.polaroid.LazyFrame> query = t -> t.orders()
                        .select(col("o_orderkey"), col("o_orderstatus"))
                        .join(t.lineitem().select(col("l_orderkey"), col("l_linenumber")), col("o_orderkey"), col("l_orderkey"), how);
                List<List<Object>> expected;
                try (DataFrame df = query.apply(inProcess).collect()) {
                    expected = df.rows();
                }
                try (DataFrame df = query.apply(onCluster).collect()) {
                    assertThat(Rows.difference(expected, df.rows(), false)).as(how).isNull();
                }
            }
        }
    }
}
