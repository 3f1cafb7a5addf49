package io.polaroid.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.dsl.parse.ExprParser;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.session.QueryResult;
import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filtered scans of Parquet files with nulls in every column, dictionary, plain and delta pages
 * (format v1 and v2), several row groups and batches that end mid-page: the reader decodes the
 * filter's columns first and the others only for the rows that pass, so every filter and column
 * set is compared with DuckDB's answer on the same file, row for row in file order.
 */
class ParquetFilteredScanTest {
    private static final int ROWS = 30_000;
    private static final String ALL = "id, k, tiny, price, big, f, d, ts, tm, flag, cat, name";
    private static final String WITHOUT_STRINGS = "id, k, tiny, price, big, f, d, ts, tm, flag";

    static DuckDb duck;
    static QueryEngine engine;
    static Path dir;

    @BeforeAll
    static void writeFiles(@org.junit.jupiter.api.io.TempDir Path tmp) {
        dir = tmp;
        duck = new DuckDb();
        String table = "SELECT i AS id,"
                + " CASE WHEN i % 11 = 3 THEN NULL ELSE (i * 7919) % 97 END::INTEGER AS k,"
                + " (i % 100 - 50)::TINYINT AS tiny,"
                + " CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 1.25)::DECIMAL(15,2) END AS price,"
                + " CASE WHEN i % 17 = 0 THEN NULL ELSE (i * 12345.6789)::DECIMAL(30,4) END AS big,"
                + " CASE WHEN i % 19 = 0 THEN NULL ELSE ((i * 31) % 1000) / 1000.0 END::DOUBLE AS f,"
                + " CASE WHEN i % 23 = 0 THEN NULL ELSE DATE '1994-01-01' + (i % 900)::INTEGER END AS d,"
                + " CASE WHEN i % 29 = 0 THEN NULL ELSE TIMESTAMP '2020-01-01' + to_seconds(i * 37) END AS ts,"
                + " CASE WHEN i % 37 = 0 THEN NULL ELSE TIME '00:00:00' + to_seconds(i * 7 % 86400) END AS tm,"
                + " CASE WHEN i % 7 = 0 THEN NULL ELSE i % 3 = 1 END AS flag,"
                + " CASE WHEN i % 9 = 0 THEN NULL ELSE 'c' || (i % 5) END AS cat,"
                + " CASE WHEN i % 31 = 0 THEN NULL ELSE 'name-' || ((i * 104729) % 20011) END AS name"
                + " FROM range(" + ROWS + ") t(i)";
        duck.execute("COPY (" + table + ") TO '" + file("v1") + "' (FORMAT PARQUET, ROW_GROUP_SIZE 8192)");
        duck.execute("COPY (" + table + ") TO '" + file("v2") + "' (FORMAT PARQUET, ROW_GROUP_SIZE 8192, PARQUET_VERSION V2)");
        engine = new QueryEngine(EngineConfig.defaults().withThreads(2).withBatchRows(1000).withHadoop(Map.of()));
        // The same rows written by parquet-mr, whose footers list each chunk's page encodings: with
        // dictionaries, tested string columns the scan returns are kept as dictionary entries;
        // without, they are decoded and tested row by row.
        rewrite("mr", ParquetWriteOptions.DEFAULT.withRowGroupBytes(64 << 10));
        rewrite("mr-plain", ParquetWriteOptions.DEFAULT.withDictionary(false));
    }

    private static void rewrite(String version, ParquetWriteOptions options) {
        PlanNode scan = new PlanNode.Scan(ScanFormat.PARQUET, List.of(file("v1")), null);
        try (BufferAllocator results = engine.rootAllocator().newChildAllocator("rewrite", 0, Long.MAX_VALUE);
             QueryResult r = engine.execute(scan, results)) {
            ParquetWriter.write(r.schema(), r.batches(), file(version), new FileSystems(Map.of()), options);
        }
    }

    @AfterAll
    static void close() {
        engine.close();
        duck.close();
    }

    private static String file(String version) {
        return dir.resolve("t-" + version + ".parquet").toString();
    }

    static List<String[]> cases() {
        String[][] filtersAndColumns = {
                {"k > 40", ALL},
                {"k between 10 and 20 and cat = 'c3'", WITHOUT_STRINGS},
                {"cat like 'c1%'", WITHOUT_STRINGS},
                {"cat in ('c1', 'c2') and name like '%7'", WITHOUT_STRINGS},
                {"cat in ('c1', 'c2') and name like '%7'", ALL},
                {"name is null or k < 5", ALL},
                {"price > 500 and d >= date '1994-06-01'", "id, name, flag"},
                {"f < 0.01", ALL},
                {"flag = true and k % 3 = 0", "id, big, cat"},
                {"big is not null and tiny < -40", "ts, d, name"},
                {"ts < timestamp '2020-01-03 00:00:00'", ALL},
                {"k > 1000000", ALL},
                {"id >= 0", ALL},
                {"cat = 'none'", "id"},
                {"cat = 'c2'", ALL},
                {"cat <> 'c2' and name like 'name-1%' and k < 50", "name, cat, k"},
                {"cat in ('c0', 'c4') and tiny in (-50, 3, 7, 49)", "cat, tiny, id"},
                {"name like '%99%' and d in (date '1994-01-01', date '1995-01-01')", "d, name"},
                // bounds on columns the scan does not return
                {"d >= date '1994-06-01' and d < date '1995-01-01'", "id, name, flag"},
                {"k between 10 and 20", "id, cat"},
                {"k = 17 and cat = 'c2'", "id, name"},
                {"k > 40 and k < 30", "id"},
                {"ts >= timestamp '2020-01-02 00:00:00' and id > 100", "id, f"},
                {"d <= date '1994-03-01' and f > 0.5", "id, f, name"},
                {"price between 100 and 200.5 and tiny >= 0", "id, k"},
                {"d < date '1994-01-01'", "id"},
                {"k = 17 and d > date '1995-01-01' and ts <= timestamp '2020-01-05 00:00:00'", "name, f"},
                // bounds on columns the scan returns or another filter reads
                {"k between 10 and 20", "k, id"},
                {"k > 40 and k % 3 = 0", "id, name"},
                {"d >= date '1994-06-01' and d < date '1995-01-01' and (d = date '1994-07-01' or k < 5)", "d, k"},
                {"price > 500 and tiny < 0", ALL},
                // DuckDB's files hold times in microseconds, parquet-mr's in nanoseconds (DuckDB's TIME_NS)
                {"cast(tm as time) < cast('01:00:00' as time)", "id, tm"},
                {"cast(tm as time) >= cast('20:00:00' as time) and k < 10", "id"},
        };
        List<String[]> out = new java.util.ArrayList<>();
        for (String version : List.of("v1", "v2", "mr", "mr-plain")) {
            for (String[] fc : filtersAndColumns) {
                out.add(new String[] {version, fc[0], fc[1]});
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}: where {1} select {2}")
    @MethodSource("cases")
    void filteredScanEqualsDuckDb(String version, String filter, String columns) {
        PlanNode scan = new PlanNode.Scan(ScanFormat.PARQUET, List.of(file(version)), null);
        List<Expr> select = java.util.Arrays.stream(columns.split(", ")).map(c -> (Expr) new Expr.Column(c)).toList();
        PlanNode plan = new PlanNode.Select(new PlanNode.Filter(scan, ExprParser.parse(filter)), select);

        List<List<Object>> expected = duck.query("SELECT " + columns + " FROM '" + file(version) + "' WHERE " + filter);
        assertThat(Rows.difference(expected, run(plan), true)).isNull();
    }

    private static List<List<Object>> run(PlanNode plan) {
        try (BufferAllocator results = engine.rootAllocator().newChildAllocator("results", 0, Long.MAX_VALUE);
             QueryResult r = engine.execute(plan, results)) {
            return Rows.of(r.batches());
        } finally {
            assertThat(engine.rootAllocator().getAllocatedMemory()).isZero();
        }
    }
}
