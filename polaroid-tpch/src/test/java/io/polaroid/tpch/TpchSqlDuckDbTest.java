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
 * The 22 official TPC-H query texts, unmodified, through {@code Polaroid.sql} in local mode over
 * registered tables, against DuckDB running the same texts on the same Parquet files.
 */
class TpchSqlDuckDbTest {
    static Path data;
    static DuckDb duck;
    static Polaroid pl;

    @BeforeAll
    static void setUp() {
        data = TpchData.testData();
        duck = TpchDuckDb.over(data);
        pl = Polaroid.local(EngineConfig.defaults().withThreads(2).withBatchRows(8192));
        new TpchTables(pl, data).registerForSql();
    }

    @AfterAll
    static void tearDown() {
        pl.close();
        duck.close();
    }

    static List<Integer> queries() {
        return TpchDuckDb.queries();
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void officialTextMatchesDuckDb(int q) {
        List<List<Object>> expected = TpchDuckDb.answer(duck, q);
        try (DataFrame df = pl.sql(TpchSql.text(q)).collect()) {
            assertThat(expected).as("DuckDB returns rows for Q%d at this scale factor", q).isNotEmpty();
            assertThat(Rows.difference(expected, df.rows(), true)).as("Q%d", q).isNull();
        }
    }
}
