package io.polaroid.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * All 22 TPC-H queries, written with the LazyFrame API, against DuckDB running the official
 * query texts on the same Parquet files: same rows in the same order, decimals exact, floats
 * within 1e-9 relative.
 */
class TpchDuckDbTest {
    static Path data;
    static DuckDb duck;
    static Polaroid pl;
    static TpchTables tables;

    @BeforeAll
    static void setUp() {
        data = TpchData.testData();
        duck = TpchDuckDb.over(data);
        pl = Polaroid.local(EngineConfig.defaults().withThreads(2).withBatchRows(8192));
        tables = new TpchTables(pl, data);
    }

    @AfterAll
    static void tearDown() {
        pl.close();
        duck.close();
    }

    static List<Integer> queries() {
        return TpchDuckDb.queries();
    }

    private static List<List<Object>> expected(int q) {
        return TpchDuckDb.answer(duck, q);
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void matchesDuckDb(int q) {
        List<List<Object>> expected = expected(q);
        try (DataFrame df = TpchQueries.query(q, tables).collect()) {
            List<List<Object>> actual = df.rows();
            assertThat(expected).as("DuckDB returns rows for Q%d at this scale factor", q).isNotEmpty();
            assertThat(Rows.difference(expected, actual, true)).as("Q%d", q).isNull();
        }
    }
}
