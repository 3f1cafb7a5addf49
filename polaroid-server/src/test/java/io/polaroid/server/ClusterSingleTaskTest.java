package io.polaroid.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.DataFrame;
import io.polaroid.engine.testing.Rows;
import io.polaroid.tpch.TpchQueries;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A coordinator whose {@code polaroid.scheduler.single-task-rows} covers all of the test data runs
 * every TPC-H query as one task on one of its two workers, with the rows of local mode. (The other
 * cluster tests turn it off, so that their small data is split as large data is.)
 */
class ClusterSingleTaskTest {
    static ClusterFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = new ClusterFixture("single-task", "--polaroid.scheduler.single-task-rows=100000000");
    }

    @AfterAll
    static void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("io.polaroid.server.ClusterTpchTest#queries")
    void aSmallQueryIsOneTaskWithTheRowsOfLocalMode(int q) {
        String explain = TpchQueries.query(q, fixture.remoteTables).explain();
        assertThat(explain).as(explain).contains("Stage 0: 1 task, output single").doesNotContain("Stage 1");
        List<List<Object>> expected;
        try (DataFrame df = TpchQueries.query(q, fixture.localTables).collect()) {
            expected = df.rows();
        }
        try (DataFrame df = TpchQueries.query(q, fixture.remoteTables).collect()) {
            assertThat(Rows.difference(expected, df.rows(), true)).as("Q%d", q).isNull();
        }
    }
}
