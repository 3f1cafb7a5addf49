package io.polaroid.engine.exec.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.dsl.parse.ExprParser;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.session.QueryResult;
import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sum(x)} beside {@code mean(x)} keeps one state: each is compared with the same aggregate
 * run alone, row for row, over columns with nulls, an Int32 sum that wraps, Int64, wide decimals
 * and floats, grouped (several threads, so partial states merge) and not.
 */
class SharedSumTest {
    static DuckDb duck;
    static QueryEngine engine;
    static Path dir;

    @BeforeAll
    static void writeFile(@org.junit.jupiter.api.io.TempDir Path tmp) {
        dir = tmp;
        duck = new DuckDb();
        duck.execute("COPY (SELECT i % 7 AS g,"
                + " CASE WHEN i % 5 = 0 THEN NULL ELSE (i * 1000003) % 2000000000 END::INTEGER AS i32,"
                + " CASE WHEN i % 3 = 0 THEN NULL ELSE (i * 12.25)::DECIMAL(15,2) END AS dec,"
                + " (i * 1.5)::DECIMAL(30,4) AS wide,"
                + " CASE WHEN i % 4 = 0 THEN NULL ELSE i / 3.0 END::DOUBLE AS f,"
                + " i * 4611686018427 AS i64"
                + " FROM range(50000) t(i)) TO '" + tmp.resolve("t.parquet") + "' (FORMAT PARQUET, ROW_GROUP_SIZE 5000)");
        engine = new QueryEngine(EngineConfig.defaults().withThreads(2).withBatchRows(1000).withHadoop(Map.of()));
    }

    @AfterAll
    static void close() {
        engine.close();
        duck.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"i32", "i64", "dec", "wide", "f"})
    void sumBesideMeanEqualsEachAlone(String column) {
        Expr sum = new Expr.Alias(ExprParser.parse("sum(" + column + ")"), "s");
        Expr mean = new Expr.Alias(ExprParser.parse("mean(" + column + ")"), "m");
        for (List<String> keys : List.of(List.of("g"), List.<String>of())) {
            List<List<Object>> both = run(keys, sum, mean, new Expr.Alias(ExprParser.parse("len()"), "n"));
            List<List<Object>> sums = run(keys, sum);
            List<List<Object>> means = run(keys, mean);
            assertThat(both).hasSameSizeAs(sums);
            for (int r = 0; r < both.size(); r++) {
                int k = keys.size();
                assertSame(both.get(r).subList(0, k + 1), sums.get(r));
                List<Object> meanRow = new ArrayList<>(both.get(r).subList(0, k));
                meanRow.add(both.get(r).get(k + 1));
                assertSame(meanRow, means.get(r));
            }
        }
    }

    /** Equal values; floats to 1e-12 of their size, since threads add them in no fixed order. */
    private static void assertSame(List<Object> actual, List<Object> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            if (actual.get(i) instanceof Double a && expected.get(i) instanceof Double e) {
                assertThat(a).isCloseTo(e, org.assertj.core.data.Offset.offset(Math.abs(e) * 1e-12));
            } else {
                assertThat(actual.get(i)).isEqualTo(expected.get(i));
            }
        }
    }

    private static List<List<Object>> run(List<String> keys, Expr... aggs) {
        PlanNode scan = new PlanNode.Scan(ScanFormat.PARQUET, List.of(dir.resolve("t.parquet").toString()), null);
        List<Expr> keyExprs = keys.stream().map(k -> (Expr) new Expr.Column(k)).toList();
        PlanNode agg = new PlanNode.Aggregate(scan, keyExprs, List.of(aggs), false);
        PlanNode sorted = keys.isEmpty() ? agg : new PlanNode.Sort(agg, List.of(new io.polaroid.engine.dsl.SortKey(
                new Expr.Column("g"), false, false)), false);
        try (BufferAllocator results = engine.rootAllocator().newChildAllocator("results", 0, Long.MAX_VALUE);
             QueryResult r = engine.execute(sorted, results)) {
            return Rows.of(r.batches());
        }
    }
}
