package io.polaroid.engine.physical;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.dsl.parse.ExprParser;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.exec.OperatorTiming;
import io.polaroid.engine.session.ProfiledResult;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runtime join filters: an inner or semi join hands its build side's keys to the Parquet scan on
 * its probe side, which then drops rows that cannot match before decoding their other columns.
 * Each join is compared with DuckDB, the plan shows which scans got a filter, and the scan's own
 * row count shows the filter ran. Small build sides are tested exactly, large ones (over 64K keys)
 * through their Bloom filter; null keys and keys of other widths are in the data. The fact's
 * {@code s} and {@code d} are dictionary-encoded, with nulls in {@code s}: their filter is asked
 * once per dictionary entry.
 */
class RuntimeJoinFilterTest {
    private static final int FACT_ROWS = 200_000;

    static DuckDb duck;
    static QueryEngine engine;
    static Path dir;

    @BeforeAll
    static void writeFiles(@org.junit.jupiter.api.io.TempDir Path tmp) {
        dir = tmp;
        duck = new DuckDb();
        duck.execute("COPY (SELECT i AS id, CASE WHEN i % 97 = 0 THEN NULL ELSE (i * 7) % 150000 END::BIGINT AS k,"
                + " CASE WHEN i % 89 = 0 THEN NULL ELSE i % 1000 END::SMALLINT AS s, DATE '2000-01-01' + (i % 3000)::INTEGER AS d, i * 0.5 AS v"
                + " FROM range(" + FACT_ROWS + ") t(i)) TO '" + file("fact") + "' (FORMAT PARQUET, ROW_GROUP_SIZE 20000)");
        // keys 0, 3, 6, ...: 100,000 of them, enough for a Bloom filter; names for a filter on them
        duck.execute("COPY (SELECT (j * 3)::BIGINT AS k, 'n' || (j % 10) AS name FROM range(100000) t(j)) TO '"
                + file("dim") + "' (FORMAT PARQUET)");
        // the same keys and one far away: too spread out for a bit per value, so a Bloom filter
        duck.execute("COPY (SELECT k, name FROM '" + file("dim") + "' UNION ALL SELECT 1000000000000, 'far') TO '"
                + file("wide") + "' (FORMAT PARQUET)");
        // a few keys, spread out: an exact lookup
        duck.execute("COPY (SELECT (j * 500)::BIGINT AS k, 'n' || (j % 10) AS name FROM range(300) t(j)"
                + " UNION ALL SELECT 1000000000000, 'far') TO '" + file("sparse") + "' (FORMAT PARQUET)");
        duck.execute("COPY (SELECT (j * 2)::SMALLINT AS s, DATE '2000-01-01' + (j * 5)::INTEGER AS d"
                + " FROM range(300) t(j)) TO '" + file("small") + "' (FORMAT PARQUET)");
        engine = new QueryEngine(EngineConfig.defaults().withThreads(2).withBatchRows(4096).withHadoop(Map.of()));
    }

    @AfterAll
    static void close() {
        engine.close();
        duck.close();
    }

    private static String file(String name) {
        return dir.resolve(name + ".parquet").toString();
    }

    private static PlanNode scan(String name) {
        return new PlanNode.Scan(ScanFormat.PARQUET, List.of(file(name)), null);
    }

    @ParameterizedTest(name = "{0} join on {1}, {5} filtered by {2}, fact by {4}: filtered scan {3}")
    @CsvSource(delimiter = '|', value = {
            "INNER|k|name = 'n3'|true||",
            "INNER|k|k < 90000|true||",
            "INNER|k|k < 240000|true||",
            "SEMI|k|name in ('n1', 'n2')|true||",
            "INNER|s|s < 100|true||",
            "SEMI|d|d < date '2001-01-01'|true||",
            "LEFT|k|name = 'n3'|false||",
            "ANTI|k|name = 'n3'|false||",
            // the scan's predicate reads other columns (the join filter runs before it), or the key
            "INNER|k|name = 'n3'|true|v > id * 0.25 + 1|",
            "INNER|k|name in ('n3', 'n4')|true|k % 2 = 0 or v < 10|",
            "SEMI|s|s < 100|true|s + id > 50|",
            // keys dense enough for a bit per value (all the above), spread out and many, spread out and few
            "INNER|k|k < 240000 or name = 'far'|true||wide",
            "SEMI|k|k < 240000 or name = 'far'|true||wide",
            "INNER|k|name <> 'n3'|true||sparse",
            "SEMI|k|name <> 'n3'|true||sparse",
    })
    void joinEqualsDuckDbAndFiltersTheScan(JoinType how, String key, String dimFilter, boolean filtered, String factFilter,
            String dimFile) {
        String dim = dimFile != null ? dimFile : key.equals("k") ? "dim" : "small";
        PlanNode right = new PlanNode.Filter(scan(dim), ExprParser.parse(dimFilter));
        PlanNode fact = factFilter == null ? scan("fact") : new PlanNode.Filter(scan("fact"), ExprParser.parse(factFilter));
        String factSql = factFilter == null ? "'" + file("fact") + "'" : "(SELECT * FROM '" + file("fact") + "' WHERE " + factFilter + ")";
        PlanNode join = new PlanNode.Join(new PlanNode.Select(fact, List.of(col("id"), col(key), col("v"))), right,
                List.of(col(key)), List.of(col(key)), how, PlanNode.Join.DEFAULT_SUFFIX);
        PlanNode plan = new PlanNode.Select(join, List.of(col("id"), col("v")));

        String rightSql = "(SELECT * FROM '" + file(dim) + "' WHERE " + dimFilter + ") r";
        String sql = switch (how) {
            case SEMI -> "SELECT id, v FROM " + factSql + " f WHERE " + key + " IN (SELECT " + key + " FROM " + rightSql + ")";
            case ANTI -> "SELECT id, v FROM " + factSql + " f WHERE NOT EXISTS (SELECT 1 FROM " + rightSql
                    + " WHERE r." + key + " = f." + key + ")";
            default -> "SELECT f.id, f.v FROM " + factSql + " f " + how + " JOIN " + rightSql + " ON f." + key + " = r." + key;
        };
        assertThat(engine.explain(plan).contains("join_keys=[" + key + "]")).isEqualTo(filtered);
        try (BufferAllocator results = engine.rootAllocator().newChildAllocator("results", 0, Long.MAX_VALUE)) {
            ProfiledResult run = engine.profile(plan, results);
            try (var result = run.result()) {
                assertThat(Rows.difference(duck.query(sql), Rows.of(result.batches()), false)).isNull();
                long scanned = run.operators().stream().filter(o -> o.node().contains("fact.parquet"))
                        .mapToLong(OperatorTiming::rows).sum();
                long unfiltered = factFilter == null ? FACT_ROWS
                        : duck.query("SELECT count(*) FROM " + factSql).get(0).get(0) instanceof Number c ? c.longValue() : -1;
                if (filtered) {
                    // at most the joined rows and the Bloom filter's few false positives
                    assertThat(scanned).isLessThan(unfiltered / 2);
                } else {
                    assertThat(scanned).isEqualTo(unfiltered);
                }
            }
        } finally {
            assertThat(engine.rootAllocator().getAllocatedMemory()).isZero();
        }
    }

    /**
     * A join's filter reaches a scan below another join's probe side when that join keeps each
     * left row's values (inner, left): the scan then holds both joins' filters. Below a full
     * join, or a self-join's scan, it does not.
     */
    @ParameterizedTest(name = "{0} join on s below an inner join on k: scan filtered by {1}")
    @CsvSource(delimiter = '|', value = {
            "INNER|k, s",
            "LEFT|k",
            "SEMI|k, s",
            "FULL|",
    })
    void filtersPassThroughTheProbeSideOfJoinsBelow(JoinType lowerHow, String expectedKeys) {
        PlanNode fact = new PlanNode.Select(scan("fact"), List.of(col("id"), col("k"), col("s"), col("v")));
        PlanNode lower = new PlanNode.Join(fact, new PlanNode.Filter(scan("small"), ExprParser.parse("s < 100")),
                List.of(col("s")), List.of(col("s")), lowerHow, PlanNode.Join.DEFAULT_SUFFIX);
        PlanNode upper = new PlanNode.Join(lower, new PlanNode.Filter(scan("dim"), ExprParser.parse("name = 'n3'")),
                List.of(col("k")), List.of(col("k")), JoinType.INNER, PlanNode.Join.DEFAULT_SUFFIX);
        PlanNode plan = new PlanNode.Select(upper, List.of(col("id"), col("v")));
        String lowerSql = lowerHow == JoinType.SEMI
                ? "(SELECT * FROM '" + file("fact") + "' WHERE s IN (SELECT s FROM '" + file("small") + "' WHERE s < 100)) f"
                : "'" + file("fact") + "' f " + lowerHow + " JOIN (SELECT * FROM '" + file("small") + "' WHERE s < 100) r"
                        + " ON f.s = r.s";
        String sql = "SELECT f.id, f.v FROM " + lowerSql + " JOIN (SELECT * FROM '" + file("dim")
                + "' WHERE name = 'n3') d ON f.k = d.k";
        String explained = engine.explain(plan);
        String factScan = explained.lines().filter(l -> l.contains("ScanExec") && l.contains("fact.parquet")).findFirst().orElseThrow();
        if (expectedKeys == null) {
            assertThat(factScan).doesNotContain("join_keys");
        } else {
            String keys = factScan.replaceAll(".*join_keys=\\[([^]]*)].*", "$1");
            assertThat(keys.split(", ")).as(factScan).containsExactlyInAnyOrder(expectedKeys.split(", "));
        }
        assertEqualsDuckDb(plan, sql);
    }

    @org.junit.jupiter.api.Test
    void aScanJoinedWithItselfKeepsItsRowsForTheOtherSide() {
        PlanNode fact = scan("fact");
        PlanNode self = new PlanNode.Join(new PlanNode.Select(fact, List.of(col("id"), col("k"))),
                new PlanNode.Select(fact, List.of(col("id"), col("v"))), List.of(col("id")), List.of(col("id")),
                JoinType.INNER, PlanNode.Join.DEFAULT_SUFFIX);
        PlanNode plan = new PlanNode.Select(new PlanNode.Join(self,
                new PlanNode.Filter(scan("dim"), ExprParser.parse("name = 'n3'")), List.of(col("k")), List.of(col("k")),
                JoinType.INNER, PlanNode.Join.DEFAULT_SUFFIX), List.of(col("id"), col("v")));
        assertEqualsDuckDb(plan, "SELECT a.id, b.v FROM '" + file("fact") + "' a JOIN '" + file("fact")
                + "' b ON a.id = b.id JOIN (SELECT * FROM '" + file("dim") + "' WHERE name = 'n3') d ON a.k = d.k");
    }

    private static void assertEqualsDuckDb(PlanNode plan, String sql) {
        try (BufferAllocator results = engine.rootAllocator().newChildAllocator("results", 0, Long.MAX_VALUE);
                var result = engine.execute(plan, results)) {
            assertThat(Rows.difference(duck.query(sql), Rows.of(result.batches()), false)).isNull();
        } finally {
            assertThat(engine.rootAllocator().getAllocatedMemory()).isZero();
        }
    }

    private static Expr col(String name) {
        return new Expr.Column(name);
    }
}
