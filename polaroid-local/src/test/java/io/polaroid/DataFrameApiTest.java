package io.polaroid;

import static io.polaroid.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import io.polaroid.engine.types.DataType;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user-facing surface of a result and of a lazy frame, in local mode. */
class DataFrameApiTest {
    @TempDir
    static Path dir;
    static DuckDb duck;
    static Polaroid pl;
    static String file;

    @BeforeAll
    static void setUp() {
        duck = new DuckDb();
        file = dir.resolve("t.parquet").toString();
        duck.execute("COPY (SELECT i AS id, 'name' || i AS name, CASE WHEN i % 3 = 0 THEN NULL ELSE (i * 0.5)::DOUBLE END AS x,"
                + " DATE '2024-01-01' + i::INTEGER AS day FROM range(25) t(i)) TO '" + file + "' (FORMAT PARQUET)");
        pl = Polaroid.local(EngineConfig.defaults().withThreads(2));
    }

    @AfterAll
    static void tearDown() {
        pl.close();
        duck.close();
    }

    @Test
    void shapeSchemaAndValues() {
        try (DataFrame df = pl.readParquet(file)) {
            assertThat(df.shape()).isEqualTo(new DataFrame.Shape(25, 4));
            assertThat(df.columns()).containsExactly("id", "name", "x", "day");
            assertThat(df.dtypes()).containsExactly(DataType.INT64, DataType.UTF8, DataType.FLOAT64, DataType.DATE32);
            assertThat(df.get(4, "name")).isEqualTo("name4");
            assertThat(df.get(3, "x")).isNull();
            assertThat(df.row(2)).containsExactly(2L, "name2", 1.0, LocalDate.of(2024, 1, 3));
            assertThat(df.column("id")).hasSize(25).startsWith(0L, 1L, 2L);
            assertThat(df.rows()).hasSize(25);
            assertThatThrownBy(() -> df.get(0, "nope")).isInstanceOf(PolaroidException.class).hasMessageContaining("nope");
        }
    }

    @Test
    void printsLikePolarsWithHeadAndTailRows() {
        try (DataFrame df = pl.scanParquet(file).select("id", "name", "x").collect()) {
            String table = df.toString();
            assertThat(table).startsWith("shape: (25, 3)");
            assertThat(table).contains("id", "name", "x", "i64", "str", "f64", "name0", "name24", "…", "null");
            assertThat(table).doesNotContain("name12");
        }
    }

    @Test
    void printsListsLikePolars() {
        try (DataFrame df = pl.scanParquet(file).filter(Functions.col("id").lt(3))
                .select(Functions.col("name").str().split("e"), Functions.col("day").implode().over("id").alias("days")).collect()) {
            String table = df.toString();
            assertThat(table).contains("list[str]", "list[date]", "[\"nam\", \"0\"]", "[2024-01-02]");
        }
    }

    @Test
    void gatherEveryAndInterpolateAsPolars() {
        try (DataFrame every = pl.scanParquet(file).sort("id").gatherEvery(5, 1).select("id").collect();
                DataFrame filled = pl.scanParquet(file).sort("id").interpolate().head(5).collect()) {
            assertThat(every.column("id")).containsExactly(1L, 6L, 11L, 16L, 21L);
            assertThat(filled.column("x")).containsExactly(null, 0.5, 1.0, 1.5, 2.0);
            assertThat(filled.column("id")).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
            assertThat(filled.column("name")).startsWith("name0");
        }
    }

    @Test
    void updateAsPolars() {
        LazyFrame left = pl.scanParquet(file).filter(col("id").lt(6)).select("id", "x").sort("id");
        LazyFrame right = pl.scanParquet(file).filter(col("id").ge(3).and(col("id").le(7)))
                .select(col("id"), Functions.when(col("id").eq(4)).then(Functions.lit(null)).otherwise(col("id").mul(100.0)).alias("x"));
        try (DataFrame keyed = left.update(right, "id").collect();
                DataFrame full = left.update(right, List.of("id"), "full", true).collect();
                DataFrame byRow = left.update(right.select("x"), List.of(), "left", false).collect()) {
            assertThat(keyed.column("id")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
            assertThat(keyed.column("x")).containsExactly(null, 0.5, 1.0, 300.0, 2.0, 500.0);
            assertThat(full.columns()).containsExactly("id", "x");
            assertThat(full.column("id")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
            assertThat(full.column("x")).containsExactly(null, 0.5, 1.0, 300.0, null, 500.0, 600.0, 700.0);
            assertThat(byRow.column("x")).containsExactly(300.0, 0.5, 500.0, 600.0, 700.0, 2.5);
        }
    }

    @Test
    void exportsToArrow() {
        try (DataFrame df = pl.readParquet(file); BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot root = df.toArrow(allocator)) {
            assertThat(root.getRowCount()).isEqualTo(25);
            assertThat(root.getVector("name").getObject(7).toString()).isEqualTo("name7");
        }
    }

    @Test
    void writesParquetCsvAndIpcThatReadBackTheSame() {
        String parquet = dir.resolve("out.parquet").toString();
        String csv = dir.resolve("out.csv").toString();
        String ipc = dir.resolve("out.arrow").toString();
        try (DataFrame df = pl.scanParquet(file).filter("id > 4").collect()) {
            df.writeParquet(parquet);
            df.writeCsv(csv);
            df.writeIpc(ipc);
            List<List<Object>> expected = duck.query("SELECT * FROM '" + file + "' WHERE id > 4 ORDER BY id");
            // DuckDB reads what Polaroid wrote
            assertThat(Rows.difference(expected, duck.query("SELECT * FROM '" + parquet + "' ORDER BY id"), true)).isNull();
            assertThat(Rows.difference(expected, duck.query("SELECT * FROM read_csv('" + csv + "') ORDER BY id"), true)).isNull();
            // and Polaroid reads its own files back
            try (DataFrame p = pl.scanParquet(parquet).sort("id").collect();
                 DataFrame c = pl.scanCsv(List.of(csv), io.polaroid.engine.dsl.CsvOptions.DEFAULT.withTryParseDates(true))
                         .sort("id").collect();
                 DataFrame i = pl.scanIpc(ipc).sort("id").collect()) {
                assertThat(Rows.difference(expected, Rows.of(p.batches()), true)).isNull();
                assertThat(Rows.difference(expected, Rows.of(c.batches()), true)).isNull();
                assertThat(Rows.difference(expected, Rows.of(i.batches()), true)).isNull();
            }
        }
    }

    @Test
    void schemaAndExplainDoNotRunTheQuery() {
        LazyFrame q = pl.scanParquet(file).filter(col("x").gt(3)).groupBy("day").agg(col("x").sum().alias("total"));
        assertThat(q.schema().names()).containsExactly("day", "total");
        String explain = q.explain();
        assertThat(explain).contains("== Logical plan ==", "== Optimized plan ==", "== Physical plan ==");
        assertThat(explain).contains("filters=[(x > 3");
    }

    @Test
    void aFilterStringThatDoesNotParseSaysWhereAndWhat() {
        assertThatThrownBy(() -> pl.scanParquet(file).filter("id > and name = 'a'"))
                .isInstanceOfSatisfying(PolaroidException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PARSE_ERROR))
                .hasMessageContaining("position 6").hasMessageContaining("expected");
    }

    @Test
    void fromEnvPicksTheBackend() {
        try (Polaroid local = Polaroid.fromEnv(Map.of("POLAROID_MODE", "local"));
             DataFrame df = local.scanParquet(file).head(3).collect()) {
            assertThat(df.height()).isEqualTo(3);
        }
        assertThatThrownBy(() -> Polaroid.fromEnv(Map.of("POLAROID_MODE", "sideways")))
                .hasMessageContaining("sideways");
        assertThatThrownBy(() -> Polaroid.fromEnv(Map.of("POLAROID_MODE", "distributed")))
                .hasMessageContaining("POLAROID_URL");
        // Nothing listens there: the backend is remote, and its first call says it cannot connect.
        try (Polaroid remote = Polaroid.fromEnv(Map.of("POLAROID_MODE", "distributed", "POLAROID_URL", "grpc://127.0.0.1:1"))) {
            assertThatThrownBy(() -> remote.scanParquet(file).collect())
                    .isInstanceOfSatisfying(PolaroidException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR));
        }
    }
}
