package io.polaroid.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.distributed.DistributedPlanner;
import io.polaroid.engine.distributed.InProcessStages;
import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.dsl.parse.ExprParser;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.serde.fragment.TaskFragments;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import io.polaroid.engine.vector.Batch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run of a row group's rows read on its own ({@link ParquetMorsel#slice}), as two tasks read the
 * row group a balanced share cuts: pages before the run are dropped unread, and a run may start
 * and end anywhere in a page. Files of DuckDB (format v1 and v2) and of parquet-mr with many small
 * pages, every column with nulls; each run's rows are DuckDB's rows of the same ids.
 */
class ParquetMorselSliceTest {
    private static final int ROWS = 400_000;
    private static final String COLUMNS = "id, k, price, d, flag, cat, name";

    static DuckDb duck;
    static QueryEngine engine;
    static Path dir;

    @BeforeAll
    static void writeFiles(@org.junit.jupiter.api.io.TempDir Path tmp) {
        dir = tmp;
        duck = new DuckDb();
        String table = "SELECT i AS id,"
                + " CASE WHEN i % 11 = 3 THEN NULL ELSE (i * 7919) % 97 END::INTEGER AS k,"
                + " CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 1.25)::DECIMAL(15,2) END AS price,"
                + " CASE WHEN i % 23 = 0 THEN NULL ELSE DATE '1994-01-01' + (i % 900)::INTEGER END AS d,"
                + " CASE WHEN i % 7 = 0 THEN NULL ELSE i % 3 = 1 END AS flag,"
                + " CASE WHEN i % 9 = 0 THEN NULL ELSE 'c' || (i % 5) END AS cat,"
                + " CASE WHEN i % 31 = 0 THEN NULL ELSE 'name-' || ((i * 104729) % 20011) END AS name"
                + " FROM range(" + ROWS + ") t(i)";
        // a first row group of 300 thousand rows, which two tasks share, and a second of the rest
        duck.execute("COPY (" + table + ") TO '" + file("v1") + "' (FORMAT PARQUET, ROW_GROUP_SIZE 300000)");
        duck.execute("COPY (" + table + ") TO '" + file("v2") + "' (FORMAT PARQUET, ROW_GROUP_SIZE 300000, PARQUET_VERSION V2)");
        engine = new QueryEngine(EngineConfig.defaults().withThreads(2).withBatchRows(1000).withHadoop(Map.of()));
        ParquetTesting.rewriteWithSmallPages(engine, file("v1"), file("mr"));
    }

    @AfterAll
    static void close() {
        engine.close();
        duck.close();
    }

    private static String file(String version) {
        return dir.resolve("t-" + version + ".parquet").toString();
    }

    static List<Object[]> runs() {
        long[][] runs = {{0, 1}, {1, 999}, {4095, 5000}, {123_457, 1}, {100_000, 150_000}, {250_001, 49_999}};
        List<Object[]> out = new ArrayList<>();
        for (String version : List.of("v1", "v2", "mr")) {
            for (long[] run : runs) {
                out.add(new Object[] {version, run[0], run[1]});
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}: rows {1} on, {2} of them")
    @MethodSource("runs")
    void aRunOfARowGroupReadsThoseRows(String version, long from, long count) {
        List<String> columns = Arrays.asList(COLUMNS.split(", "));
        List<Morsel> morsels = new ParquetSource(List.of(file(version)), new FileSystems(Map.of())).morsels(columns, List.of());
        assertThat(morsels.get(0).rows()).isGreaterThan(from + count);
        Morsel run = morsels.get(0).slice(from, count);
        assertThat(run.rows()).isEqualTo(count);
        assertThat(run.describe()).endsWith("row group 0 rows " + from + " to " + (from + count));
        List<Batch> batches = new ArrayList<>();
        try (BufferAllocator allocator = engine.rootAllocator().newChildAllocator("run", 0, Long.MAX_VALUE)) {
            try (Morsel.BatchReader reader = run.open(columns, ParquetTesting.scanContext(allocator))) {
                for (Batch b = reader.next(); b != null; b = reader.next()) {
                    batches.add(b);
                }
                List<List<Object>> expected = duck.query("SELECT " + COLUMNS + " FROM '" + file(version) + "' WHERE id >= " + from
                        + " AND id < " + (from + count) + " ORDER BY id");
                assertThat(Rows.difference(expected, Rows.of(batches), true)).isNull();
            } finally {
                batches.forEach(Batch::close);
            }
        }
    }

    static List<String[]> filters() {
        String[][] filtersAndColumns = {
                {"k > 40", COLUMNS},
                {"cat = 'c2' and price > 1000", "id, name, d"},
                {"name like '%7' or k < 5", "id, cat"},
                {"d >= date '1995-01-01' and flag = true", "id, k, price"},
        };
        List<String[]> out = new ArrayList<>();
        for (String version : List.of("v1", "v2", "mr")) {
            for (String[] fc : filtersAndColumns) {
                out.add(new String[] {version, fc[0], fc[1]});
            }
        }
        return out;
    }

    /**
     * The tasks share the files by rows, each row group that a share ends inside read in part by two
     * tasks: two tasks for DuckDB's files (their first row group of 300 thousand rows shared), three
     * for parquet-mr's file of one row group followed by DuckDB's v1 file. Together they find
     * DuckDB's rows.
     */
    @ParameterizedTest(name = "{0}: where {1} select {2}")
    @MethodSource("filters")
    void tasksSharingARowGroupFindEveryRowOnce(String version, String filter, String columns) {
        List<String> files = version.equals("mr") ? List.of(file("mr"), file("v1")) : List.of(file(version));
        int tasks = files.size() + 1;
        PlanNode scan = new PlanNode.Scan(ScanFormat.PARQUET, files, null);
        List<Expr> select = Arrays.stream(columns.split(", ")).map(c -> (Expr) new Expr.Column(c)).toList();
        PlanNode query = new PlanNode.Select(new PlanNode.Filter(scan, ExprParser.parse(filter)), select);
        DistributedPlan plan = new DistributedPlanner(tasks, 0).plan(engine.plan(query).optimized());
        assertThat(plan.stages().get(0).tasks()).as(plan.explain()).isEqualTo(tasks);
        TaskFragments fragments = new TaskFragments(plan);
        for (int task = 1; task < tasks; task++) {
            assertThat(fragments.scans(0, task).get(0).getParts(0).getParquet().getFirstRow()).isGreaterThan(0);
        }

        String from = "read_parquet([" + String.join(", ", files.stream().map(f -> "'" + f + "'").toList()) + "])";
        List<List<Object>> expected = duck.query("SELECT " + columns + " FROM " + from + " WHERE " + filter);
        assertThat(Rows.difference(expected, InProcessStages.rows(engine, plan), false)).as(plan.explain()).isNull();
        assertThat(engine.rootAllocator().getAllocatedMemory()).isZero();
    }
}
