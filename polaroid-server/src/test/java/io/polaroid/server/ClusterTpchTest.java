package io.polaroid.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.testing.Rows;
import io.polaroid.tpch.TpchQueries;
import io.polaroid.tpch.TpchTables;
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
 * 64 KiB and shuffled above, so both strategies run. Exchanges are pipelined, as by default (a
 * stage reads its inputs while they are made); {@code FlightSqlTpchTest} runs them materialized.
 */
class ClusterTpchTest {
    static ClusterFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = new ClusterFixture("tpch", "--polaroid.scheduler.broadcast-threshold=64KB");
    }

    @AfterAll
    static void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    static List<Integer> queries() {
        return IntStream.rangeClosed(1, 22).boxed().toList();
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void sameRowsAsLocalMode(int q) {
        List<List<Object>> expected;
        try (DataFrame df = TpchQueries.query(q, fixture.localTables).collect()) {
            expected = df.rows();
        }
        try (DataFrame df = TpchQueries.query(q, fixture.remoteTables).collect()) {
            assertThat(Rows.difference(expected, df.rows(), true)).as("Q%d", q).isNull();
        }
    }

    /** The official SQL texts on the cluster: the coordinator expands the SQL once, workers run plain plans. */
    @ParameterizedTest(name = "SQL Q{0}")
    @MethodSource("queries")
    void officialSqlTextSameRowsAsDuckDb(int q) {
        List<List<Object>> expected = fixture.duckDbAnswer(q);
        try (DataFrame df = fixture.remoteTables.registerForSql().sql(io.polaroid.tpch.TpchSql.text(q)).collect()) {
            assertThat(expected).isNotEmpty();
            assertThat(Rows.difference(expected, df.rows(), true)).as("SQL Q%d", q).isNull();
        }
    }

    /** Bad SQL fails on the coordinator, before any worker sees it, with local mode's code and message. */
    @Test
    void badSqlHasTheMessageOfLocalMode() {
        fixture.remoteTables.registerForSql();
        fixture.localTables.registerForSql();
        for (String sql : List.of("SELECT n_name FROM nation WHERE", "SELECT * FROM nations", "SELECT n_nam FROM nation",
                "SELECT n_name + 1 FROM nation", "INSERT INTO nation VALUES (1)")) {
            io.polaroid.engine.error.PolaroidException inLocal = org.assertj.core.api.Assertions.catchThrowableOfType(
                    io.polaroid.engine.error.PolaroidException.class, () -> fixture.local.sql(sql).collect().close());
            io.polaroid.engine.error.PolaroidException inCluster = org.assertj.core.api.Assertions.catchThrowableOfType(
                    io.polaroid.engine.error.PolaroidException.class, () -> fixture.remote.sql(sql).collect().close());
            assertThat(inLocal).as(sql).isNotNull();
            assertThat(inCluster).as(sql).isNotNull();
            assertThat(inCluster.code()).as(sql).isEqualTo(inLocal.code());
            assertThat(inCluster.getMessage()).as(sql).isEqualTo(inLocal.getMessage());
        }
        try (DataFrame df = fixture.remote.sql("SELECT count(*) AS n FROM nation").collect()) {
            assertThat(df.rows()).containsExactly(List.of(25L));
        }
    }

    @Test
    void metricsAndHealthAreExposed() {
        try (DataFrame df = TpchQueries.query(6, fixture.remoteTables).collect()) {
            assertThat(df.height()).isEqualTo(1);
        }
        String metrics = Actuator.get(fixture.cluster.httpPort(), "/actuator/prometheus");
        assertThat(metrics).contains("polaroid_queries_total{", "state=\"started\"", "state=\"succeeded\"",
                "polaroid_query_latency_seconds_count", "polaroid_workers_live 2.0", "grpc_server");
        assertThat(Actuator.get(fixture.cluster.httpPort(), "/actuator/health/readiness")).contains("\"status\":\"UP\"");
    }

    @Test
    void explainShowsTheStages() {
        String explain = TpchQueries.query(3, fixture.remoteTables).explain();
        assertThat(explain).contains("== Stages", "Stage 0:", "exchange from stage");
        assertThat(TpchQueries.query(3, fixture.remoteTables).schema()).isEqualTo(TpchQueries.query(3, fixture.localTables).schema());
    }

    @Test
    void streamingYieldsTheSameRowsBatchByBatch() {
        List<List<Object>> expected;
        try (DataFrame df = TpchQueries.query(1, fixture.localTables).collect()) {
            expected = df.rows();
        }
        List<List<Object>> streamed = new java.util.ArrayList<>();
        try (var batches = TpchQueries.query(1, fixture.remoteTables).collectStream()) {
            batches.forEach(df -> {
                try (df) {
                    streamed.addAll(df.rows());
                }
            });
        }
        assertThat(Rows.difference(expected, streamed, true)).isNull();
    }

    @Test
    void anUnsortedResultStreamsFromEveryWorkerAtOnceAndStopsCleanly() {
        java.util.function.Function<TpchTables, io.polaroid.LazyFrame> query = t -> t.lineitem()
                .filter(io.polaroid.Functions.col("l_quantity").lt(10)).select("l_orderkey", "l_linenumber", "l_quantity");
        List<List<Object>> expected;
        try (DataFrame df = query.apply(fixture.localTables).collect()) {
            expected = df.rows();
        }
        List<List<Object>> streamed = new java.util.ArrayList<>();
        int[] batches = {0};
        try (var stream = query.apply(fixture.remoteTables).collectStream()) {
            stream.forEach(df -> {
                try (df) {
                    batches[0]++;
                    streamed.addAll(df.rows());
                }
            });
        }
        assertThat(batches[0]).isGreaterThan(1);
        assertThat(Rows.difference(expected, streamed, false)).isNull();
        // Closing after the first batch cancels the rest and frees what was queued: closing the
        // client checks that none of its Arrow memory is left.
        try (Polaroid client = Polaroid.connect(fixture.cluster.url())) {
            try (var stream = query.apply(new TpchTables(client, fixture.data)).collectStream()) {
                try (DataFrame first = stream.iterator().next()) {
                    assertThat(first.height()).isPositive();
                }
            }
        }
    }
}
