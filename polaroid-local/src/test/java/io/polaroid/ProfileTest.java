package io.polaroid;

import static io.polaroid.Functions.col;
import static io.polaroid.Functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.exec.SpillSettings;
import io.polaroid.engine.testing.DuckDb;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code LazyFrame.profile()}: the result as collect() gives it, and a row per operator with its rows, time and spilled bytes. */
class ProfileTest {
    private static final int ROWS = 200_000;

    @TempDir
    static Path dir;
    static String file;

    @BeforeAll
    static void writeData() {
        file = dir.resolve("t.parquet").toString();
        try (DuckDb duck = new DuckDb()) {
            duck.execute("COPY (SELECT i % 1000 AS k, i AS v, 'name-' || (i % 7919) AS s FROM range(" + ROWS + ") t(i)) TO '"
                    + file + "' (FORMAT parquet, ROW_GROUP_SIZE 50000)");
        }
    }

    private static int column(DataFrame timings, String name) {
        return timings.columns().indexOf(name);
    }

    private static long sum(List<List<Object>> rows, int column) {
        return rows.stream().mapToLong(r -> ((Number) r.get(column)).longValue()).sum();
    }

    @Test
    void everyOperatorGetsARowWithItsRowsAndTimesAndTheResultIsCollects() {
        try (Polaroid pl = Polaroid.local(EngineConfig.defaults().withThreads(2))) {
            LazyFrame query = pl.scanParquet(file).filter(col("v").gt(lit(1000)))
                    .groupBy("k").agg(col("v").sum().alias("total")).sort("k");
            List<List<Object>> expected;
            try (DataFrame df = query.collect()) {
                expected = df.rows();
            }
            try (LazyFrame.Profile profile = query.profile()) {
                assertThat(profile.result().rows()).isEqualTo(expected);
                DataFrame timings = profile.timings();
                assertThat(timings.columns()).as("Polars' timings columns first").startsWith("node", "start", "end")
                        .contains("rows", "batches", "time", "spilled_bytes");
                List<List<Object>> rows = timings.rows();
                assertThat(rows).hasSizeGreaterThanOrEqualTo(3);
                String root = (String) rows.get(0).get(0);
                assertThat(root).as("the root is not indented").doesNotStartWith(" ");
                assertThat(((Number) rows.get(0).get(column(timings, "rows"))).longValue()).isEqualTo(expected.size());
                List<Object> scan = rows.stream().filter(r -> ((String) r.get(0)).contains("Scan")).findFirst().orElseThrow();
                assertThat((String) scan.get(0)).as("a child is indented").startsWith("  ");
                assertThat(((Number) scan.get(column(timings, "rows"))).longValue()).as("rows the scan produced")
                        .isEqualTo(ROWS - 1001);
                for (List<Object> r : rows) {
                    long start = ((Number) r.get(column(timings, "start"))).longValue();
                    long end = ((Number) r.get(column(timings, "end"))).longValue();
                    assertThat(end).as("%s ends after it starts", r.get(0)).isGreaterThanOrEqualTo(start);
                }
                assertThat(((Number) rows.get(0).get(column(timings, "time"))).longValue()).isPositive();
                assertThat(sum(rows, column(timings, "spilled_bytes"))).as("nothing spills with memory to spare").isZero();
            }
        }
    }

    @Test
    void theOperatorThatSpillsIsTheOneThatCountsTheBytes(@TempDir Path spill) {
        EngineConfig config = EngineConfig.defaults().withThreads(2).withHadoop(Map.of())
                .withSpill(SpillSettings.DEFAULT.withDirs(List.of(spill.toString())).withOperatorBytes(64 * 1024));
        try (Polaroid pl = Polaroid.local(config);
             LazyFrame.Profile profile = pl.scanParquet(file).sort("s", "v").profile()) {
            assertThat(profile.result().height()).isEqualTo(ROWS);
            DataFrame timings = profile.timings();
            int spilled = column(timings, "spilled_bytes");
            for (List<Object> r : timings.rows()) {
                long bytes = ((Number) r.get(spilled)).longValue();
                if (((String) r.get(0)).trim().startsWith("Sort")) {
                    assertThat(bytes).as("the sort spilled").isPositive();
                } else {
                    assertThat(bytes).as("%s spilled nothing", r.get(0)).isZero();
                }
            }
        }
    }
}
