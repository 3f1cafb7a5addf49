package io.polaroid.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.session.EngineConfig;
import io.polaroid.engine.testing.Rows;
import io.polaroid.tpch.TpchData;
import io.polaroid.tpch.TpchQueries;
import io.polaroid.tpch.TpchTables;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * All 22 TPC-H queries through {@code Polaroid.connect} on a coordinator and two worker
 * processes: the same rows as local mode (which TpchDuckDbTest holds equal to DuckDB). The data
 * has small row groups, so every scan is split across both workers; joins are broadcast under
 * 64 KiB and shuffled above, so both strategies run.
 */
class ClusterTpchTest {
    static LocalCluster cluster;
    static Polaroid remote;
    static Polaroid local;
    static TpchTables remoteTables;
    static TpchTables localTables;

    @BeforeAll
    static void setUp() {
        Path data = TpchData.splitTestData();
        cluster = new LocalCluster("tpch", 2, List.of(data.toString()), "--polaroid.scheduler.broadcast-threshold=64KB");
        remote = Polaroid.connect(cluster.url());
        local = Polaroid.local(EngineConfig.defaults().withThreads(2));
        remoteTables = new TpchTables(remote, data);
        localTables = new TpchTables(local, data);
    }

    @AfterAll
    static void tearDown() {
        if (remote != null) {
            remote.close();
        }
        if (local != null) {
            local.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static List<Integer> queries() {
        return IntStream.rangeClosed(1, 22).boxed().toList();
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void sameRowsAsLocalMode(int q) {
        List<List<Object>> expected;
        try (DataFrame df = TpchQueries.query(q, localTables).collect()) {
            expected = df.rows();
        }
        try (DataFrame df = TpchQueries.query(q, remoteTables).collect()) {
            assertThat(Rows.difference(expected, df.rows(), true)).as("Q%d", q).isNull();
        }
    }

    @Test
    void metricsAndHealthAreExposed() {
        try (DataFrame df = TpchQueries.query(6, remoteTables).collect()) {
            assertThat(df.height()).isEqualTo(1);
        }
        String metrics = Actuator.get(cluster.httpPort(), "/actuator/prometheus");
        assertThat(metrics).contains("polaroid_queries_total{", "state=\"started\"", "state=\"succeeded\"",
                "polaroid_query_latency_seconds_count", "polaroid_workers_live 2.0", "grpc_server");
        assertThat(Actuator.get(cluster.httpPort(), "/actuator/health/readiness")).contains("\"status\":\"UP\"");
    }

    @Test
    void explainShowsTheStages() {
        String explain = TpchQueries.query(3, remoteTables).explain();
        assertThat(explain).contains("== Stages", "Stage 0:", "exchange from stage");
        assertThat(TpchQueries.query(3, remoteTables).schema()).isEqualTo(TpchQueries.query(3, localTables).schema());
    }

    @Test
    void streamingYieldsTheSameRowsBatchByBatch() {
        List<List<Object>> expected;
        try (DataFrame df = TpchQueries.query(1, localTables).collect()) {
            expected = df.rows();
        }
        List<List<Object>> streamed = new java.util.ArrayList<>();
        try (var batches = TpchQueries.query(1, remoteTables).collectStream()) {
            batches.forEach(df -> {
                try (df) {
                    streamed.addAll(df.rows());
                }
            });
        }
        assertThat(Rows.difference(expected, streamed, true)).isNull();
    }
}
