package io.polaroid.engine.spill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.dsl.SortKey;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.testing.Rows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sort whose input outgrows its memory share writes sorted runs to disk and merges them: the
 * answer is DuckDB's, ties keep the order the in-memory sort gives them, every spill file is gone
 * when the query ends (success or failure), and the disk quota is a clear error.
 */
class SortSpillTest extends SpillTestBase {
    private static final int ROWS = 200_000;
    static Path data;

    @BeforeAll
    static void writeData(@TempDir Path tmp) {
        data = tmp.resolve("t.parquet");
        duck.execute("COPY (SELECT i AS id,"
                + " CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 7919) % 1000 END::INTEGER AS k,"
                + " CASE WHEN i % 17 = 0 THEN NULL ELSE 'name-' || ((i * 104729) % 5003) END AS s,"
                + " (i % 977) * 1.5 AS x"
                + " FROM range(" + ROWS + ") t(i)) TO '" + data + "' (FORMAT PARQUET, ROW_GROUP_SIZE 20000)");
    }

    private static PlanNode sorted(SortKey... keys) {
        return new PlanNode.Sort(new PlanNode.Scan(ScanFormat.PARQUET, List.of(data.toString()), null), List.of(keys), false);
    }

    private static SortKey key(String column, boolean descending, boolean nullsLast) {
        return new SortKey(new Expr.Column(column), descending, nullsLast);
    }

    @Test
    void aSortLargerThanItsMemoryShareMergesRunsFromDiskToDuckDbsOrder() throws IOException {
        PlanNode plan = sorted(key("k", true, true), key("s", false, false), key("id", false, false));
        try (QueryEngine engine = new QueryEngine(config(256 << 10, Long.MAX_VALUE))) {
            Run run = run(engine, plan);
            assertThat(run.spilledFiles()).as("runs written").isGreaterThan(4);
            assertThat(run.spilledBytes()).isPositive();
            List<List<Object>> expected = duck.query("SELECT * FROM '" + data + "' ORDER BY k DESC NULLS LAST, s ASC NULLS FIRST, id");
            assertThat(Rows.difference(expected, run.rows(), true)).isNull();
        }
        assertThat(filesUnder(spillDir)).as("spill files left").isEmpty();
    }

    @Test
    void tiesKeepTheInputOrderAcrossRuns() {
        // one thread: the input is one partition in file order, so a stable sort is exactly "by k, then id"
        try (QueryEngine engine = new QueryEngine(config(128 << 10, Long.MAX_VALUE).withThreads(1))) {
            Run run = run(engine, sorted(key("k", false, false)));
            assertThat(run.spilledFiles()).isGreaterThan(4);
            List<List<Object>> expected = duck.query("SELECT * FROM '" + data + "' ORDER BY k NULLS FIRST, id");
            assertThat(Rows.difference(expected, run.rows(), true)).isNull();
        }
    }

    @Test
    void aQueryPastTheSpillQuotaFailsNamingItAndLeavesNoFile() throws IOException {
        try (QueryEngine engine = new QueryEngine(config(128 << 10, 200 << 10))) {
            assertThatThrownBy(() -> run(engine, sorted(key("s", false, true))))
                    .isInstanceOfSatisfying(PolaroidException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED))
                    .hasMessageContaining("polaroid.spill.max-bytes");
            assertThat(engine.rootAllocator().getAllocatedMemory()).isZero();
            Run after = run(engine, new PlanNode.Slice(sorted(key("id", true, false)), 0, 5L));
            assertThat(after.rows()).as("the engine goes on").hasSize(5);
        }
        assertThat(filesUnder(spillDir)).isEmpty();
    }

    @Test
    void leftoversOfProcessesThatDiedAreRemovedWhenAnEngineStarts() throws IOException {
        Path dead = Files.createDirectories(spillDir.resolve(SpillArea.PREFIX + Integer.MAX_VALUE + "-gone"));
        Files.writeString(dead.resolve("sort-0.arrow"), "left over");
        Path live = Files.createDirectories(spillDir.resolve(SpillArea.PREFIX + ProcessHandle.current().pid() + "-busy"));
        Path unrelated = Files.createDirectories(spillDir.resolve("someone-else"));
        try (QueryEngine engine = new QueryEngine(config(0, Long.MAX_VALUE))) {
            assertThat(dead).doesNotExist();
            assertThat(live).exists();
            assertThat(unrelated).exists();
        }
    }

}
