package io.polaroid.tpch;

import static io.polaroid.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Local mode on S3: the TPC-H files are uploaded to a real S3-compatible server on loopback and
 * read through S3A; answers equal DuckDB's on the local copies. Also CSV, globs, folders, writing
 * results back, and a missing object.
 */
class S3LocalModeTest {
    static S3TestServer s3;
    static String bucket;
    static Path data;
    static DuckDb duck;
    static Polaroid pl;

    @BeforeAll
    static void setUp() throws Exception {
        data = TpchData.testData();
        s3 = new S3TestServer();
        bucket = s3.createBucket("polaroid");
        s3.upload(data, bucket, "tpch");
        duck = new DuckDb();
        pl = Polaroid.local(EngineConfig.defaults().withThreads(2).withHadoop(s3.hadoopSettings()));
    }

    @AfterAll
    static void tearDown() throws Exception {
        pl.close();
        duck.close();
        s3.close();
    }

    private String s3(String key) {
        return "s3a://" + bucket + "/" + key;
    }

    @ParameterizedTest(name = "Q{0}")
    @ValueSource(ints = {1, 3, 5, 6, 10})
    void tpchFromS3MatchesDuckDbOnTheLocalFiles(int q) {
        try (DuckDb local = new DuckDb()) {
            for (io.trino.tpch.TpchTable<?> t : io.trino.tpch.TpchTable.getTables()) {
                local.execute("CREATE VIEW " + t.getTableName() + " AS SELECT * FROM read_parquet('"
                        + data.resolve(t.getTableName() + ".parquet") + "')");
            }
            List<String> sql = TpchSql.statements(q);
            List<List<Object>> expected = local.query(sql.get(sql.size() - 1));
            try (DataFrame df = TpchQueries.query(q, new TpchTables(pl, s3("tpch"))).collect()) {
                assertThat(expected).isNotEmpty();
                assertThat(Rows.difference(expected, df.rows(), true)).as("Q%d", q).isNull();
            }
        }
    }

    @Test
    void globsAndFoldersList() {
        String expected = "SELECT count(*) FROM read_parquet('" + data.resolve("nation.parquet") + "')";
        long nations = ((Number) duck.query(expected).get(0).get(0)).longValue();
        try (DataFrame byGlob = pl.scanParquet(s3("tpch/n*.parquet")).collect();
             DataFrame byFile = pl.scanParquet(s3("tpch/nation.parquet")).collect()) {
            assertThat(byGlob.height()).isEqualTo(nations);
            assertThat(byFile.height()).isEqualTo(nations);
        }
    }

    @Test
    void writesParquetAndCsvBackAndReadsThem() {
        try (DataFrame nations = pl.scanParquet(s3("tpch/nation.parquet")).filter(col("n_regionkey").gt(1))
                .sort("n_nationkey").collect()) {
            nations.writeParquet(s3("out/part-0.parquet"));
            nations.writeCsv(s3("csv/nations.csv"));
            try (DataFrame parquet = pl.scanParquet(s3("out/")).sort("n_nationkey").collect();
                 DataFrame csv = pl.scanCsv(s3("csv/nations.csv")).sort("n_nationkey").collect()) {
                assertThat(parquet.rows()).isEqualTo(nations.rows());
                List<List<Object>> expected = duck.query("SELECT * FROM read_parquet('" + data.resolve("nation.parquet")
                        + "') WHERE n_regionkey > 1 ORDER BY n_nationkey");
                assertThat(Rows.difference(expected, csv.rows(), true)).isNull();
            }
        }
    }

    @Test
    void aMissingObjectNamesItsPath() {
        assertThatThrownBy(() -> pl.scanParquet(s3("tpch/nope.parquet")).collect())
                .isInstanceOf(PolaroidException.class)
                .hasMessageContaining("s3a://" + bucket + "/tpch/nope.parquet");
    }
}
