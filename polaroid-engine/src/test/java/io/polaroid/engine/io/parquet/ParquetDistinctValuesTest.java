package io.polaroid.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.session.QueryResult;
import io.polaroid.engine.testing.DuckDb;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How many distinct values a column holds at most, from the footer alone
 * ({@link ParquetSource#distinctValuesAtMost}): not fewer than it holds here, close to it for
 * integers and dates of a small span and for strings with a small dictionary in every row group,
 * and at most the rows. A parquet-mr file of several row groups, and DuckDB's file of the same rows.
 */
class ParquetDistinctValuesTest {
    private static final int ROWS = 300_000;
    private static final FileSystems FILES = new FileSystems(Map.of());

    static DuckDb duck;
    static Path dir;

    @BeforeAll
    static void writeFiles(@org.junit.jupiter.api.io.TempDir Path tmp) {
        dir = tmp;
        duck = new DuckDb();
        duck.execute("COPY (SELECT i AS id,"
                + " 'c' || (i % 5) AS cat,"
                + " CASE WHEN i % 11 = 3 THEN NULL ELSE (i * 7919) % 97 END::INTEGER AS k,"
                + " DATE '1994-01-01' + (i % 900)::INTEGER AS d,"
                + " 'name-' || ((i * 104729) % 20011) AS name,"
                + " (i % 3 = 0) AS flag"
                + " FROM range(" + ROWS + ") t(i)) TO '" + file("duckdb") + "' (FORMAT PARQUET)");
        try (QueryEngine engine = new QueryEngine(EngineConfig.defaults().withHadoop(Map.of()));
             BufferAllocator results = engine.rootAllocator().newChildAllocator("rewrite", 0, Long.MAX_VALUE);
             QueryResult r = engine.execute(new PlanNode.Scan(ScanFormat.PARQUET, List.of(file("duckdb")), null), results)) {
            ParquetWriter.write(r.schema(), r.batches(), file("mr"), FILES, ParquetWriteOptions.DEFAULT.withRowGroupBytes(1 << 20));
        }
    }

    @AfterAll
    static void close() {
        duck.close();
    }

    private static String file(String writer) {
        return dir.resolve(writer + ".parquet").toString();
    }

    private static long distinct(String writer, String column) {
        return ((Number) duck.query("SELECT count(DISTINCT " + column + ") + max(CASE WHEN " + column + " IS NULL THEN 1 ELSE 0 END)"
                + " FROM read_parquet('" + file(writer) + "')").get(0).get(0)).longValue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"id", "cat", "k", "d", "name", "flag"})
    void neverFewerThanTheColumnHolds(String column) {
        for (String writer : List.of("mr", "duckdb")) {
            long atMost = new ParquetSource(List.of(file(writer)), FILES).distinctValuesAtMost(column);
            assertThat(atMost).as("%s's %s", writer, column).isGreaterThanOrEqualTo(distinct(writer, column)).isLessThanOrEqualTo(ROWS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cat", "k", "d"})
    void aSmallSpanOrDictionaryInEveryRowGroupCountsAboutItsValues(String column) {
        ParquetSource mr = new ParquetSource(List.of(file("mr")), FILES);
        int rowGroups = ParquetFile.open(FILES.expand(file("mr")).get(0), FILES).footer().getBlocks().size();
        assertThat(rowGroups).isGreaterThan(1);
        assertThat(mr.distinctValuesAtMost(column)).as(column).isLessThanOrEqualTo(4L * distinct("mr", column) * rowGroups);
    }
}
