package io.polaroid.engine.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.dsl.SortKey;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import io.polaroid.engine.types.DataType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryEngineSmokeTest {
    @TempDir
    static Path dir;
    static DuckDb duck;
    static QueryEngine engine;
    static String file;

    @BeforeAll
    static void setUp() {
        duck = new DuckDb();
        file = dir.resolve("t.parquet").toString();
        duck.execute("COPY (SELECT i AS id, i % 7 AS k, (i * 1.25)::DECIMAL(15,2) AS price, 'name' || (i % 13) AS name,"
                + " DATE '1994-01-01' + (i % 1000)::INTEGER AS d, CASE WHEN i % 5 = 0 THEN NULL ELSE i END AS maybe"
                + " FROM range(100000) t(i)) TO '" + file + "' (FORMAT PARQUET, ROW_GROUP_SIZE 10000)");
        engine = new QueryEngine(EngineConfig.defaults().withThreads(2).withBatchRows(4096).withHadoop(Map.of()));
    }

    @AfterAll
    static void tearDown() {
        engine.close();
        duck.close();
    }

    private static List<List<Object>> run(PlanNode plan) {
        try (BufferAllocator results = engine.rootAllocator().newChildAllocator("results", 0, Long.MAX_VALUE);
             QueryResult r = engine.execute(plan, results)) {
            return Rows.of(r.batches());
        } finally {
            assertThat(engine.rootAllocator().getAllocatedMemory()).isZero();
        }
    }

    private static Expr col(String name) {
        return new Expr.Column(name);
    }

    private static Expr lit(long v) {
        return new Expr.Literal(v, DataType.INT32, true);
    }

    @Test
    void scanReturnsEveryRowInFileOrder() {
        PlanNode scan = new PlanNode.Scan(ScanFormat.PARQUET, List.of(file), null);
        List<List<Object>> actual = run(scan);
        List<List<Object>> expected = duck.query("SELECT * FROM '" + file + "'");
        assertThat(Rows.difference(expected, actual, true)).isNull();
    }

    @Test
    void filterAggregateSort() {
        PlanNode scan = new PlanNode.Scan(ScanFormat.PARQUET, List.of(file), null);
        PlanNode plan = new PlanNode.Sort(new PlanNode.Aggregate(
                new PlanNode.Filter(scan, Expr.call("gt", col("id"), lit(500))),
                List.of(col("k")),
                List.of(new Expr.Alias(Expr.call("sum", col("price")), "total"),
                        new Expr.Alias(Expr.call("len"), "n"),
                        new Expr.Alias(Expr.call("count", col("maybe")), "c"),
                        new Expr.Alias(Expr.call("mean", col("maybe")), "m"),
                        new Expr.Alias(Expr.call("max", col("name")), "mx")), false),
                List.of(new SortKey(col("k"), false, false)), false);
        List<List<Object>> expected = duck.query("SELECT k, sum(price), count(*), count(maybe), avg(maybe), max(name) FROM '"
                + file + "' WHERE id > 500 GROUP BY k ORDER BY k");
        assertThat(Rows.difference(expected, run(plan), true)).isNull();
    }

    /** {@code maybe - 50000}: negative and positive integers, nulls where maybe is null. */
    private static Expr centred() {
        return Expr.call("sub", col("maybe"), new Expr.Literal(50000L, DataType.INT64, true));
    }

    @Test
    void bitCountsAreDuckDbBitCount() {
        PlanNode scan = new PlanNode.Scan(ScanFormat.PARQUET, List.of(file), null);
        PlanNode plan = new PlanNode.Select(scan, List.of(col("id"),
                new Expr.Alias(Expr.call("bitwise_count_ones", centred()), "ones"),
                new Expr.Alias(Expr.call("bitwise_count_zeros", centred()), "zeros")));
        List<List<Object>> expected = duck.query("SELECT id, bit_count(maybe - 50000)::BIGINT, (64 - bit_count(maybe - 50000))::BIGINT"
                + " FROM '" + file + "'");
        assertThat(Rows.difference(expected, run(plan), true)).isNull();
    }

    /**
     * product, bit_and/or/xor and arg_min/arg_max (the first position in the group, as Polars: DuckDB's
     * arg_min of the row number with ties broken by it) per group, over several row groups and threads.
     */
    @Test
    void numberReductionsPerGroupAreDuckDbs() {
        PlanNode scan = new PlanNode.Scan(ScanFormat.PARQUET, List.of(file), null);
        Expr small = Expr.call("add", Expr.call("mod", col("maybe"), lit(3)), lit(1));
        PlanNode products = new PlanNode.Sort(new PlanNode.Aggregate(new PlanNode.Filter(scan, Expr.call("lt", col("id"), lit(40))),
                List.of(col("k")), List.of(new Expr.Alias(Expr.call("product", small), "prod")), false),
                List.of(new SortKey(col("k"), false, false)), false);
        assertThat(Rows.difference(duck.query("SELECT k, product(maybe % 3 + 1)::BIGINT FROM '" + file
                + "' WHERE id < 40 GROUP BY k ORDER BY k"), run(products), true)).isNull();
        Expr x = centred();
        PlanNode plan = new PlanNode.Sort(new PlanNode.Aggregate(scan, List.of(col("k")), List.of(
                new Expr.Alias(Expr.call("bitwise_and", x), "a"), new Expr.Alias(Expr.call("bitwise_or", x), "o"),
                new Expr.Alias(Expr.call("bitwise_xor", x), "x"), new Expr.Alias(Expr.call("arg_min", x), "amin"),
                new Expr.Alias(Expr.call("arg_max", x), "amax")), false),
                List.of(new SortKey(col("k"), false, false)), false);
        List<List<Object>> expected = duck.query("SELECT k, bit_and(x), bit_or(x), bit_xor(x), arg_min(rn, x * 1000000 + rn),"
                + " arg_max(rn, x * 1000000 - rn) FROM (SELECT k, maybe - 50000 AS x,"
                + " row_number() OVER (PARTITION BY k ORDER BY id) - 1 AS rn FROM '" + file + "') GROUP BY k ORDER BY k");
        assertThat(Rows.difference(expected, run(plan), true)).isNull();
    }
}
