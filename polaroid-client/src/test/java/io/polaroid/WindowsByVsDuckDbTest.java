package io.polaroid;

import static io.polaroid.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.session.EngineConfig;
import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rolling functions over a period of a {@code by} column ({@code rollingSumBy}, ...) through
 * the Java API, compared with DuckDB's RANGE frames over the same Parquet file: per group and over
 * the frame, by dates (with ties) and by integers, each end of the period in or out.
 */
class WindowsByVsDuckDbTest {
    @TempDir
    static Path dir;
    static DuckDb duck;
    static Polaroid pl;
    static String file;

    @BeforeAll
    static void setUp() {
        duck = new DuckDb();
        file = dir.resolve("l.parquet").toString();
        duck.execute("COPY (SELECT i AS id, 'g' || (i % 4) AS g,"
                + " CASE WHEN i % 7 = 0 THEN NULL ELSE ((i * 0.37) % 101)::DOUBLE END AS v,"
                + " CASE WHEN i % 5 = 0 THEN NULL ELSE (i * 13) % 50 END AS k,"
                + " DATE '1995-01-31' + ((i * 7) % 300)::INTEGER AS dt"
                + " FROM range(2000) t(i)) TO '" + file + "' (FORMAT PARQUET, ROW_GROUP_SIZE 512)");
        pl = Polaroid.local(EngineConfig.defaults().withThreads(2).withBatchRows(256));
    }

    @AfterAll
    static void tearDown() {
        pl.close();
        duck.close();
    }

    static LazyFrame l() {
        return pl.scanParquet(file);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("by dates per group: 3 days ending at the row's",
                        (Supplier<LazyFrame>) () -> l().select(col("id"), col("v").rollingSumBy("dt", "3d").over("g").alias("s"),
                                col("v").rollingMeanBy("dt", "3d").over("g").alias("m"),
                                col("v").rollingMinBy("dt", "3d").over("g").alias("mn"),
                                col("k").rollingMaxBy("dt", "3d").over("g").alias("mx"),
                                col("v").rollingStdBy("dt", "3d").over("g").alias("sd"),
                                col("v").rollingMedianBy("dt", "3d").over("g").alias("md")).sort("id"),
                        "SELECT id, coalesce(sum(v) OVER w, 0), avg(v) OVER w, min(v) OVER w, max(k) OVER w,"
                                + " stddev_samp(v) OVER w, median(v) OVER w FROM l"
                                + " WINDOW w AS (PARTITION BY g ORDER BY dt RANGE BETWEEN INTERVAL 2 DAY PRECEDING AND CURRENT ROW)"
                                + " ORDER BY id"),
                Arguments.of("by integers over the frame, each end in or out",
                        (Supplier<LazyFrame>) () -> l().select(col("id"), col("k").rollingSumBy("id", "5i").alias("right"),
                                col("k").rollingSumBy("id", "3i", 0, "both").alias("both"),
                                col("v").rollingMeanBy("id", "3i", 1, "left").alias("left"),
                                col("k").rollingMaxBy("id", "4i", 2, "none").alias("none"),
                                col("v").rollingVarBy("id", "6i", 1, "right", 0).alias("var"),
                                col("k").rollingQuantileBy("id", "9i", 0.25, "linear", 1, "right").alias("q")).sort("id"),
                        "SELECT id, coalesce(sum(k) OVER (ORDER BY id RANGE BETWEEN 4 PRECEDING AND CURRENT ROW), 0),"
                                + " coalesce(sum(k) OVER (ORDER BY id RANGE BETWEEN 3 PRECEDING AND CURRENT ROW), 0),"
                                + " avg(v) OVER (ORDER BY id RANGE BETWEEN 3 PRECEDING AND 1 PRECEDING),"
                                + " CASE WHEN count(k) OVER w4 >= 2 THEN max(k) OVER w4 END,"
                                + " var_pop(v) OVER (ORDER BY id RANGE BETWEEN 5 PRECEDING AND CURRENT ROW),"
                                + " quantile_cont(k, 0.25) OVER (ORDER BY id RANGE BETWEEN 8 PRECEDING AND CURRENT ROW)"
                                + " FROM l WINDOW w4 AS (ORDER BY id RANGE BETWEEN 3 PRECEDING AND 1 PRECEDING) ORDER BY id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameAsDuckDb(String name, Supplier<LazyFrame> query, String sql) {
        List<List<Object>> expected = duck.query("WITH l AS (SELECT * FROM '" + file + "') " + sql);
        try (DataFrame df = query.get().collect()) {
            assertThat(Rows.difference(expected, Rows.of(df.batches()), true)).isNull();
        }
    }
}
