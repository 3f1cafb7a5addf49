package io.polaroid.engine.spill;

import static org.assertj.core.api.Assertions.assertThat;
import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.dsl.SortKey;
import io.polaroid.engine.dsl.UniqueKeep;
import io.polaroid.engine.dsl.parse.ExprParser;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.testing.Rows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hash aggregation whose groups outgrow its memory share goes on with the rest of its input on
 * disk, by hash bucket, and merges one bucket at a time (grace aggregation): every accumulator
 * gives what it gives in memory, the order-sensitive ones (first, last, implode) included, and the
 * plain ones match DuckDB; no spill file is left.
 */
class AggregateSpillTest extends SpillTestBase {
    private static final int ROWS = 240_000;
    static Path data;

    @BeforeAll
    static void writeData(@TempDir Path tmp) {
        data = tmp.resolve("t.parquet");
        duck.execute("COPY (SELECT i AS id, (i * 7919) % 60000 AS g,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE (i % 1013) * 0.25 END AS x,"
                + " CASE WHEN i % 7 = 0 THEN NULL ELSE 's' || (i % 389) END AS s,"
                + " (i % 23)::INTEGER AS k"
                + " FROM range(" + ROWS + ") t(i)) TO '" + data + "' (FORMAT PARQUET, ROW_GROUP_SIZE 16384)");
    }

    private static Expr col(String name) {
        return new Expr.Column(name);
    }

    private static Expr agg(String fn, String column, String alias) {
        return new Expr.Alias(column == null ? Expr.call(fn) : Expr.call(fn, col(column)), alias);
    }

    private static PlanNode grouped(List<Expr> aggs) {
        PlanNode scan = new PlanNode.Scan(ScanFormat.PARQUET, List.of(data.toString()), null);
        return new PlanNode.Sort(new PlanNode.Aggregate(scan, List.of(col("g")), aggs, false),
                List.of(new SortKey(col("g"), false, false)), false);
    }

    @Test
    void everyAccumulatorGivesItsInMemoryAnswerWhenTheGroupsSpill() throws IOException {
        PlanNode plan = grouped(List.of(agg("sum", "x", "sum"), agg("mean", "x", "mean"), agg("count", "x", "count"),
                agg("len", null, "len"), agg("min", "s", "min"), agg("max", "s", "max"), agg("n_unique", "k", "distinct"),
                agg("median", "x", "median"), agg("std", "x", "std"), agg("first", "s", "first"), agg("last", "id", "last"),
                agg("implode", "k", "list")));
        List<List<Object>> inMemory;
        try (QueryEngine engine = new QueryEngine(config(0, Long.MAX_VALUE))) {
            Run run = run(engine, plan);
            assertThat(run.spilledFiles()).isZero();
            inMemory = run.rows();
        }
        try (QueryEngine engine = new QueryEngine(config(256 << 10, Long.MAX_VALUE))) {
            Run run = run(engine, plan);
            assertThat(run.spilledFiles()).as("buckets written").isGreaterThan(8);
            assertThat(Rows.difference(inMemory, run.rows(), true)).isNull();
        }
        assertThat(filesUnder(spillDir)).isEmpty();
    }

    @Test
    void spilledGroupsMatchDuckDb() {
        PlanNode plan = grouped(List.of(agg("sum", "x", "sum"), agg("count", "x", "count"), agg("len", null, "len"),
                agg("min", "s", "min"), agg("max", "id", "max")));
        try (QueryEngine engine = new QueryEngine(config(128 << 10, Long.MAX_VALUE))) {
            Run run = run(engine, plan);
            assertThat(run.spilledFiles()).isGreaterThan(8);
            List<List<Object>> expected = duck.query("SELECT g, sum(x), count(x), count(*), min(s), max(id) FROM '" + data
                    + "' GROUP BY g ORDER BY g");
            assertThat(Rows.difference(expected, run.rows(), true)).isNull();
        }
    }

    @Test
    void aBucketThatOutgrowsItsBudgetAgainIsSplitAgain() throws IOException {
        // one group per row: each of the 32 buckets of the first split (2 output partitions x 16)
        // holds 7,500 groups, past a 512 KB budget, so its merge goes to disk again in 8 parts, and
        // some of those again (357 files in all here; the sum of nulls is 0, as in Polars)
        PlanNode scan = new PlanNode.Scan(ScanFormat.PARQUET, List.of(data.toString()), null);
        PlanNode plan = new PlanNode.Sort(new PlanNode.Aggregate(scan, List.of(col("id")),
                List.of(agg("sum", "x", "sum"), agg("n_unique", "s", "distinct"), agg("len", null, "len")), false),
                List.of(new SortKey(col("id"), false, false)), false);
        try (QueryEngine engine = new QueryEngine(config(512 << 10, Long.MAX_VALUE))) {
            Run run = run(engine, plan);
            int firstSplitFiles = 2 * 32;
            assertThat(run.spilledFiles()).as("files beyond the first split's").isGreaterThan(2 * firstSplitFiles);
            List<List<Object>> expected = duck.query("SELECT id, coalesce(sum(x), 0), count(DISTINCT s) + max(CASE WHEN s IS NULL"
                    + " THEN 1 ELSE 0 END), count(*) FROM '" + data + "' GROUP BY id ORDER BY id");
            assertThat(Rows.difference(expected, run.rows(), true)).isNull();
        }
        assertThat(filesUnder(spillDir)).isEmpty();
    }

    @Test
    void uniqueIsAnAggregationAndSpillsLikeOne() throws IOException {
        // 80% of the g values keep one row, the others four: keep='first' gives each g's first row
        // (rows are in id order), keep='none' only the g values of one row
        String kept = "id >= 180000 or id % 5 = 0";
        for (UniqueKeep keep : List.of(UniqueKeep.FIRST, UniqueKeep.NONE)) {
            PlanNode scan = new PlanNode.Filter(new PlanNode.Scan(ScanFormat.PARQUET, List.of(data.toString()), null),
                    ExprParser.parse(kept));
            PlanNode plan = new PlanNode.Sort(new PlanNode.Unique(scan, List.of("g"), keep, false),
                    List.of(new SortKey(col("g"), false, false)), false);
            try (QueryEngine engine = new QueryEngine(config(128 << 10, Long.MAX_VALUE))) {
                Run run = run(engine, plan);
                assertThat(run.spilledFiles()).as("buckets written").isGreaterThan(8);
                List<List<Object>> expected = duck.query("SELECT id, g, x, s, k FROM (SELECT *, row_number() OVER w AS n,"
                        + " count(*) OVER (PARTITION BY g) AS c FROM '" + data + "' WHERE " + kept
                        + " WINDOW w AS (PARTITION BY g ORDER BY id)) WHERE n = 1"
                        + (keep == UniqueKeep.NONE ? " AND c = 1" : "") + " ORDER BY g");
                assertThat(expected).hasSizeGreaterThan(10_000);
                assertThat(Rows.difference(expected, run.rows(), true)).as("keep=" + keep).isNull();
            }
        }
        assertThat(filesUnder(spillDir)).isEmpty();
    }

    @Test
    void groupsThatKeepInputOrderSpillAndComeBackInThatOrder() throws IOException {
        // rows come in id order, so groups in the order first seen are in the order of their least id
        PlanNode scan = new PlanNode.Scan(ScanFormat.PARQUET, List.of(data.toString()), null);
        PlanNode plan = new PlanNode.Aggregate(scan, List.of(col("g")), List.of(agg("sum", "x", "sum"),
                agg("len", null, "len"), agg("first", "s", "first")), true);
        try (QueryEngine engine = new QueryEngine(config(128 << 10, Long.MAX_VALUE))) {
            Run run = run(engine, plan);
            assertThat(run.spilledFiles()).as("buckets written").isGreaterThan(8);
            List<List<Object>> expected = duck.query("SELECT g, coalesce(sum(x), 0), count(*), first(s ORDER BY id) FROM '"
                    + data + "' GROUP BY g ORDER BY min(id)");
            assertThat(Rows.difference(expected, run.rows(), true)).isNull();
        }
        assertThat(filesUnder(spillDir)).isEmpty();
    }

    @Test
    void uniqueWithMaintainOrderSpillsAndKeepsTheOrderOfTheRowsItKeeps() throws IOException {
        for (UniqueKeep keep : List.of(UniqueKeep.FIRST, UniqueKeep.LAST)) {
            PlanNode plan = new PlanNode.Unique(new PlanNode.Scan(ScanFormat.PARQUET, List.of(data.toString()), null),
                    List.of("g"), keep, true);
            try (QueryEngine engine = new QueryEngine(config(128 << 10, Long.MAX_VALUE))) {
                Run run = run(engine, plan);
                assertThat(run.spilledFiles()).as("buckets written").isGreaterThan(8);
                List<List<Object>> expected = duck.query("SELECT id, g, x, s, k FROM (SELECT *, row_number() OVER"
                        + " (PARTITION BY g ORDER BY id" + (keep == UniqueKeep.LAST ? " DESC" : "") + ") AS n FROM '" + data
                        + "') WHERE n = 1 ORDER BY id");
                assertThat(Rows.difference(expected, run.rows(), true)).as("keep=" + keep).isNull();
            }
        }
        assertThat(filesUnder(spillDir)).isEmpty();
    }

    @Test
    void groupsThatKeepInputOrderAreSplitAgainToo() throws IOException {
        // one group per row, past a 512 KB budget: buckets split again, and the groups still come
        // out in the order first seen (the rows' index in their batch goes along to the parts)
        PlanNode scan = new PlanNode.Scan(ScanFormat.PARQUET, List.of(data.toString()), null);
        PlanNode plan = new PlanNode.Aggregate(scan, List.of(col("id")), List.of(agg("sum", "x", "sum"),
                agg("first", "s", "first")), true);
        try (QueryEngine engine = new QueryEngine(config(512 << 10, Long.MAX_VALUE))) {
            Run run = run(engine, plan);
            int firstSplitFiles = 2 * 16;
            assertThat(run.spilledFiles()).as("files beyond the first split's").isGreaterThan(2 * firstSplitFiles);
            List<List<Object>> expected = duck.query("SELECT id, coalesce(x, 0), s FROM '" + data + "' ORDER BY id");
            assertThat(Rows.difference(expected, run.rows(), true)).isNull();
        }
        assertThat(filesUnder(spillDir)).isEmpty();
    }
}
