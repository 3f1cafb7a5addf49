package io.polaroid.engine.spill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.dsl.SortKey;
import io.polaroid.engine.dsl.parse.ExprParser;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.testing.Rows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A window whose input outgrows its memory share goes to disk by hash bucket of its partition
 * keys, is computed a bucket at a time and comes back in input order: the rows are the ones it
 * gives in memory, in the same order, and DuckDB's; no spill file is left, whatever the ending.
 */
class WindowSpillTest extends SpillTestBase {
    private static final int ROWS = 200_000;
    static Path data;

    @BeforeAll
    static void writeData(@TempDir Path tmp) {
        data = tmp.resolve("t.parquet");
        duck.execute("COPY (SELECT i AS id, (i * 7919) % 20000 AS g,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE (i % 1013) * 0.25 END AS x,"
                + " CASE WHEN i % 7 = 0 THEN NULL ELSE 's' || (i % 389) END AS s"
                + " FROM range(" + ROWS + ") t(i)) TO '" + data + "' (FORMAT PARQUET, ROW_GROUP_SIZE 16384)");
    }

    private static Expr over(String expr, String alias, List<SortKey> orderBy) {
        return new Expr.Alias(new Expr.Window(ExprParser.parse(expr), List.of(new Expr.Column("g")), orderBy), alias);
    }

    /**
     * Each row with three windows over g: a total (a join of the rows with their groups' sums,
     * which must keep the rows' order), a running sum in data order, the previous s by descending id.
     */
    private static PlanNode windows() {
        PlanNode scan = new PlanNode.Scan(ScanFormat.PARQUET, List.of(data.toString()), null);
        return new PlanNode.WithColumns(scan, List.of(over("sum(x)", "total", List.of()),
                over("cum_sum(id)", "running", List.of()),
                over("shift(s, 1)", "previous", List.of(new SortKey(new Expr.Column("id"), true, false)))));
    }

    @Test
    void aWindowLargerThanItsShareIsComputedBucketByBucketInInputOrder() throws IOException {
        List<List<Object>> inMemory;
        try (QueryEngine engine = new QueryEngine(config(0, Long.MAX_VALUE))) {
            Run run = run(engine, windows());
            assertThat(run.spilledFiles()).isZero();
            inMemory = run.rows();
        }
        try (QueryEngine engine = new QueryEngine(config(256 << 10, Long.MAX_VALUE))) {
            Run run = run(engine, windows());
            assertThat(run.spilledFiles()).as("buckets written").isGreaterThan(32);
            assertThat(Rows.difference(inMemory, run.rows(), true)).isNull();
        }
        List<List<Object>> expected = duck.query("SELECT *, coalesce(sum(x) OVER (PARTITION BY g), 0),"
                + " sum(id) OVER (PARTITION BY g ORDER BY id ROWS UNBOUNDED PRECEDING),"
                + " lag(s) OVER (PARTITION BY g ORDER BY id DESC) FROM '" + data + "' ORDER BY id");
        assertThat(Rows.difference(expected, inMemory, true)).isNull();
        assertThat(filesUnder(spillDir)).isEmpty();
    }

    @Test
    void aWindowPastTheSpillQuotaFailsNamingItAndTheNextQueryRuns() throws IOException {
        try (QueryEngine engine = new QueryEngine(config(256 << 10, 1 << 20))) {
            assertThatThrownBy(() -> run(engine, windows()))
                    .isInstanceOfSatisfying(PolaroidException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED))
                    .hasMessageContaining("polaroid.spill.max-bytes");
            assertThat(engine.rootAllocator().getAllocatedMemory()).isZero();
            Run after = run(engine, new PlanNode.Slice(new PlanNode.Scan(ScanFormat.PARQUET, List.of(data.toString()), null), 0, 5L));
            assertThat(after.rows()).as("the engine goes on").hasSize(5);
        }
        assertThat(filesUnder(spillDir)).isEmpty();
    }
}
