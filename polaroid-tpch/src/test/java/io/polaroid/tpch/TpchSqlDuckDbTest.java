package io.polaroid.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.session.EngineConfig;
import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import io.trino.tpch.TpchTable;
import java.nio.file.Path;
import java.util.ArrayList;
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
        duck = new DuckDb();
        pl = Polaroid.local(EngineConfig.defaults().withThreads(2).withBatchRows(8192));
        for (TpchTable<?> t : TpchTable.getTables()) {
            String file = data.resolve(t.getTableName() + ".parquet").toString();
            duck.execute("CREATE VIEW " + t.getTableName() + " AS SELECT * FROM read_parquet('" + file + "')");
            pl.register(t.getTableName(), pl.scanParquet(file));
        }
    }

    @AfterAll
    static void tearDown() {
        pl.close();
        duck.close();
    }

    static List<Integer> queries() {
        List<Integer> all = new ArrayList<>();
        for (int q = 1; q <= 22; q++) {
            all.add(q);
        }
        return all;
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void officialTextMatchesDuckDb(int q) {
        List<String> parts = TpchSql.statements(q);
        for (int i = 0; i < parts.size() - 1; i++) {
            duck.execute(parts.get(i));
        }
        List<List<Object>> expected = duck.query(parts.get(parts.size() - 1));
        try (DataFrame df = pl.sql(TpchSql.text(q)).collect()) {
            assertThat(expected).as("DuckDB returns rows for Q%d at this scale factor", q).isNotEmpty();
            assertThat(Rows.difference(expected, df.rows(), true)).as("Q%d", q).isNull();
        }
    }
}
