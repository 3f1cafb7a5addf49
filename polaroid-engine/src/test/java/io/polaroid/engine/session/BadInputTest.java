package io.polaroid.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.dsl.SortKey;
import io.polaroid.engine.dsl.parse.ExprParser;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of bad input fails its query with a typed error that says what and where, and loses
 * nothing: the engine's root allocator is back to zero and the next query runs.
 */
class BadInputTest {
    @TempDir
    static Path dir;
    static DuckDb duck;
    static QueryEngine engine;
    static String file;

    @BeforeAll
    static void setUp() {
        duck = new DuckDb();
        file = dir.resolve("t.parquet").toString();
        duck.execute("COPY (SELECT i AS id, i % 7 AS k, 'name' || i AS name FROM range(200000) t(i)) TO '"
                + file + "' (FORMAT PARQUET, ROW_GROUP_SIZE 20000)");
        engine = new QueryEngine(EngineConfig.defaults().withThreads(2).withHadoop(Map.of()));
    }

    @AfterAll
    static void tearDown() {
        engine.close();
        duck.close();
    }

    @AfterEach
    void nothingOutstandingAndTheNextQueryRuns() {
        assertThat(engine.rootAllocator().getAllocatedMemory()).isZero();
        PlanNode count = new PlanNode.Aggregate(scan(file), List.of(), List.of(ExprParser.parse("len()")), false);
        assertThat(Rows.difference(duck.query("SELECT count(*) FROM '" + file + "'"), run(engine, count), true)).isNull();
    }

    @Test
    void unknownColumnNamesItAndTheColumnsThatExist() {
        PolaroidException e = fails(new PlanNode.Filter(scan(file), ExprParser.parse("prise > 10")));
        assertThat(e.code()).isEqualTo(ErrorCode.COLUMN_NOT_FOUND);
        assertThat(e.getMessage()).contains("prise").contains("id", "k", "name");
    }

    @Test
    void explodingAColumnThatIsNotAListNamesItAndItsType() {
        PolaroidException e = fails(new PlanNode.Explode(scan(file), List.of("name")));
        assertThat(e.code()).isEqualTo(ErrorCode.TYPE_MISMATCH);
        assertThat(e.getMessage()).contains("explode", "'name'", "str", "not a list");
    }

    @Test
    void explodingListsOfDifferentLengthsInOneRowFailsNamingBothColumns() {
        PlanNode all = implodeIds(scan(file), "all");
        PlanNode even = implodeIds(new PlanNode.Filter(scan(file), ExprParser.parse("id % 2 = 0")), "even");
        PlanNode both = new PlanNode.Join(all, even, List.of(new Expr.Column("k")), List.of(new Expr.Column("k")),
                JoinType.INNER, "_right");
        PolaroidException e = fails(new PlanNode.Explode(both, List.of("all", "even")));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(e.getMessage()).contains("'all'", "'even'", "different lengths");
    }

    @Test
    void aListAsAKeyIsRefusedByNameNotMetByAnOperator() {
        PlanNode lists = implodeIds(scan(file), "ids");
        List<PlanNode> plans = List.of(
                new PlanNode.Aggregate(lists, List.of(new Expr.Column("ids")), List.of(ExprParser.parse("len()")), false),
                new PlanNode.Sort(lists, List.of(new SortKey(new Expr.Column("ids"), false, false)), false),
                new PlanNode.Join(lists, lists, List.of(new Expr.Column("ids")), List.of(new Expr.Column("ids")),
                        JoinType.INNER, "_right"),
                new PlanNode.Unique(lists, List.of(), io.polaroid.engine.dsl.UniqueKeep.ANY, false));
        for (PlanNode plan : plans) {
            PolaroidException e = fails(plan);
            assertThat(e.code()).as(plan.getClass().getSimpleName()).isEqualTo(ErrorCode.NOT_SUPPORTED);
            assertThat(e.getMessage()).contains("ids", "list[i64]");
        }
        // a list is a value first() and last() carry (as Polars), not a key
        List<List<Object>> first = run(engine, new PlanNode.Aggregate(lists, List.of(),
                List.of(new Expr.Call("first", List.of(new Expr.Column("ids")))), false));
        assertThat(first).hasSize(1);
        assertThat(first.get(0).get(0)).isInstanceOf(List.class).asList().isNotEmpty();
    }

    private static PlanNode implodeIds(PlanNode input, String name) {
        return new PlanNode.Aggregate(input, List.of(new Expr.Column("k")),
                List.of(new Expr.Alias(new Expr.Column("id"), name)), false);
    }

    @Test
    void anUnknownColumnBesideAnAggregationNamesOnlyTheInputsColumns() {
        PolaroidException e = fails(new PlanNode.Filter(scan(file), ExprParser.parse("prise > mean(k)")));
        assertThat(e.code()).isEqualTo(ErrorCode.COLUMN_NOT_FOUND);
        assertThat(e.getMessage()).contains("prise").contains("id", "k", "name").doesNotContain("__agg");
    }

    @Test
    void aWindowOverAnUnknownColumnNamesItAndTheColumnsThatExist() {
        Expr window = new Expr.Window(ExprParser.parse("mean(k)"), List.of(new Expr.Column("prise")));
        PolaroidException e = fails(new PlanNode.Select(scan(file), List.of(new Expr.Column("id"), window)));
        assertThat(e.code()).isEqualTo(ErrorCode.COLUMN_NOT_FOUND);
        assertThat(e.getMessage()).contains("prise").contains("id", "k", "name").doesNotContain("__");
    }

    @Test
    void nestedWindowsAreRefusedSayingSo() {
        Expr inner = new Expr.Window(ExprParser.parse("mean(k)"), List.of(new Expr.Column("id")));
        Expr outer = new Expr.Window(new Expr.Call("sum", List.of(inner)), List.of(new Expr.Column("name")));
        PolaroidException e = fails(new PlanNode.Select(scan(file), List.of(outer)));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PLAN);
        assertThat(e.getMessage()).contains("over() cannot be nested");
    }

    @Test
    void aWindowOrderedByAnUnknownColumnNamesItAndTheColumnsThatExist() {
        Expr window = new Expr.Window(ExprParser.parse("cum_sum(k)"), List.of(new Expr.Column("name")),
                List.of(new SortKey(new Expr.Column("when"), false, false)));
        PolaroidException e = fails(new PlanNode.WithColumns(scan(file), List.of(window)));
        assertThat(e.code()).isEqualTo(ErrorCode.COLUMN_NOT_FOUND);
        assertThat(e.getMessage()).contains("when").contains("id", "k", "name").doesNotContain("__");
    }

    @Test
    void orderDependentFunctionsSayWhereTheyBelongAndWhatTheyTake() {
        PolaroidException inAgg = fails(new PlanNode.Aggregate(scan(file), List.of(new Expr.Column("name")),
                List.of(new Expr.Window(ExprParser.parse("rank(k)"), List.of(new Expr.Column("id")))), false));
        assertThat(inAgg.code()).isEqualTo(ErrorCode.INVALID_PLAN);
        assertThat(inAgg.getMessage()).contains("over()", "select(), with_columns() or filter()");
        PolaroidException method = fails(new PlanNode.Select(scan(file), List.of(ExprParser.parse("rank(k, 'best')"))));
        assertThat(method.getMessage()).contains("'average', 'min', 'max', 'dense', 'ordinal'", "'best'");
        PolaroidException type = fails(new PlanNode.Select(scan(file), List.of(ExprParser.parse("cum_sum(name)"))));
        assertThat(type.code()).isEqualTo(ErrorCode.TYPE_MISMATCH);
        assertThat(type.getMessage()).contains("cum_sum", "str");
        PolaroidException nested = fails(new PlanNode.Select(scan(file), List.of(ExprParser.parse("cum_sum(diff(k))"))));
        assertThat(nested.code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
        assertThat(nested.getMessage()).contains("earlier with_columns()");
    }

    @Test
    void typeMismatchNamesTheExpressionAndBothTypes() {
        PolaroidException e = fails(new PlanNode.Filter(scan(file), ExprParser.parse("name > 5")));
        assertThat(e.code()).isEqualTo(ErrorCode.TYPE_MISMATCH);
        assertThat(e.getMessage()).contains("col(\"name\") > 5").contains("str", "i32");
    }

    @Test
    void aPathThatDoesNotExistIsNamed() {
        String missing = dir.resolve("no/such/file.parquet").toString();
        PolaroidException e = fails(scan(missing));
        assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND);
        assertThat(e.getMessage()).contains(missing);
    }

    @Test
    void aGlobThatMatchesNothingIsNamed() {
        String glob = dir.resolve("*.nothing").toString();
        PolaroidException e = fails(scan(glob));
        assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND);
        assertThat(e.getMessage()).contains(glob);
    }

    @Test
    void aPathWithAFileSystemThatIsNotThereIsNamed() {
        PolaroidException e = fails(scan("nosuchfs://bucket/t.parquet"));
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
        assertThat(e.getMessage()).contains("nosuchfs://bucket/t.parquet", "'nosuchfs'");
    }

    @Test
    void aTruncatedParquetFileIsNamed() throws Exception {
        Path truncated = dir.resolve("truncated.parquet");
        Files.copy(Path.of(file), truncated);
        try (RandomAccessFile f = new RandomAccessFile(truncated.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        PolaroidException e = fails(scan(truncated.toString()));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA);
        assertThat(e.getMessage()).contains(truncated.toString());
    }

    @Test
    void aParquetFileWithDamagedPagesIsNamed() throws Exception {
        Path damaged = dir.resolve("damaged.parquet");
        byte[] bytes = Files.readAllBytes(Path.of(file));
        // overwrite the middle of the data pages; the footer stays readable
        for (int i = bytes.length / 4; i < bytes.length / 2; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(damaged, bytes);
        PolaroidException e = fails(new PlanNode.Aggregate(scan(damaged.toString()), List.of(),
                List.of(ExprParser.parse("sum(id)"), ExprParser.parse("max(name)")), false));
        assertThat(e.code()).isIn(ErrorCode.INVALID_DATA, ErrorCode.IO_ERROR);
        assertThat(e.getMessage()).contains(damaged.toString());
    }

    @Test
    void aFileThatIsNotParquetIsNamed() throws Exception {
        Path text = dir.resolve("notes.parquet");
        Files.writeString(text, "these are not the bytes you are looking for\n".repeat(100));
        PolaroidException e = fails(scan(text.toString()));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA);
        assertThat(e.getMessage()).contains(text.toString());
    }

    @Test
    void aWindowWithoutPartitionKeysOverItsMemoryLimitFailsWithResourceExhaustedAndFreesEverything() {
        try (QueryEngine small = new QueryEngine(EngineConfig.defaults().withThreads(2)
                .withQueryMemoryLimit(20L << 20).withHadoop(Map.of()))) {
            // The rows fit (about 12 MB of Arrow memory); the window's heap for eight functions (31 MB)
            // does not, and a window that is one partition (an order, no keys) cannot be split on disk.
            List<Expr> running = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                running.add(new Expr.Alias(new Expr.Window(ExprParser.parse("cum_sum(id + " + i + ")"), List.of(),
                        List.of(new SortKey(new Expr.Column("id"), false, false))), "c" + i));
            }
            PolaroidException e = catchThrowableOfType(PolaroidException.class,
                    () -> run(small, new PlanNode.WithColumns(scan(file), running)));
            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
            assertThat(e.getMessage()).contains("window over 200000 rows");
            assertThat(small.rootAllocator().getAllocatedMemory()).isZero();
        }
    }

    @Test
    void aQueryOverItsMemoryLimitFailsAloneWithResourceExhausted() {
        try (QueryEngine small = new QueryEngine(EngineConfig.defaults().withThreads(2)
                .withQueryMemoryLimit(2L << 20).withHadoop(Map.of()))) {
            PlanNode sortAll = new PlanNode.Sort(scan(file),
                    List.of(new SortKey(new Expr.Column("name"), true, false)), false);
            PolaroidException e = catchThrowableOfType(PolaroidException.class, () -> run(small, sortAll));
            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
            assertThat(e.getMessage()).containsIgnoringCase("memory");
            assertThat(small.rootAllocator().getAllocatedMemory()).isZero();

            PlanNode small7 = new PlanNode.Aggregate(scan(file), List.of(new Expr.Column("k")),
                    List.of(ExprParser.parse("sum(id)")), false);
            PlanNode sorted = new PlanNode.Sort(small7, List.of(new SortKey(new Expr.Column("k"), false, false)), false);
            List<List<Object>> expected = duck.query("SELECT k, sum(id) FROM '" + file + "' GROUP BY k ORDER BY k");
            assertThat(Rows.difference(expected, run(small, sorted), true)).isNull();
            assertThat(small.rootAllocator().getAllocatedMemory()).isZero();
        }
    }

    private static PlanNode scan(String path) {
        return new PlanNode.Scan(ScanFormat.PARQUET, List.of(path), null);
    }

    private static PolaroidException fails(PlanNode plan) {
        PolaroidException e = catchThrowableOfType(PolaroidException.class, () -> run(engine, plan));
        assertThat(e).as("the query should fail").isNotNull();
        return e;
    }

    private static List<List<Object>> run(QueryEngine on, PlanNode plan) {
        try (BufferAllocator results = on.rootAllocator().newChildAllocator("results", 0, Long.MAX_VALUE);
             QueryResult r = on.execute(plan, results)) {
            return Rows.of(r.batches());
        }
    }
}
