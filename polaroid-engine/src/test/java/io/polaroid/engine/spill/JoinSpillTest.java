package io.polaroid.engine.spill;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.testing.Rows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A hash join whose build side outgrows its memory share puts both sides on disk by hash bucket
 * and joins the buckets one at a time (grace hash join): every join kind, null keys on both sides
 * included, gives the rows the join gives in memory, and the inner join DuckDB's; no file is left.
 */
class JoinSpillTest extends SpillTestBase {
    static Path left;
    static Path right;

    @BeforeAll
    static void writeData(@TempDir Path tmp) {
        left = tmp.resolve("l.parquet");
        right = tmp.resolve("r.parquet");
        duck.execute("COPY (SELECT i AS id, CASE WHEN i % 9 = 0 THEN NULL ELSE i % 20000 END AS a, 'l' || (i % 101) AS lp"
                + " FROM range(60000) t(i)) TO '" + left + "' (FORMAT PARQUET, ROW_GROUP_SIZE 8192)");
        duck.execute("COPY (SELECT i AS rid, CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 7) % 25000 END AS b, i * 0.5 AS rp"
                + " FROM range(50000) t(i)) TO '" + right + "' (FORMAT PARQUET, ROW_GROUP_SIZE 8192)");
    }

    private static PlanNode join(JoinType how) {
        return new PlanNode.Join(new PlanNode.Scan(ScanFormat.PARQUET, List.of(left.toString()), null),
                new PlanNode.Scan(ScanFormat.PARQUET, List.of(right.toString()), null),
                List.of(new Expr.Column("a")), List.of(new Expr.Column("b")), how, null);
    }

    /**
     * The join in memory gives the left rows in their order (with their matches); from disk, so
     * do the kinds whose output is the left rows alone. Right and full joins give the right rows
     * nobody matched at the end, bucket by bucket.
     */
    private static boolean keepsLeftOrder(JoinType how) {
        return how != JoinType.RIGHT && how != JoinType.FULL;
    }

    @ParameterizedTest
    @EnumSource(value = JoinType.class, names = {"INNER", "LEFT", "RIGHT", "FULL", "SEMI", "ANTI"})
    void everyJoinKindGivesItsInMemoryRowsFromDisk(JoinType how) throws IOException {
        List<List<Object>> inMemory;
        try (QueryEngine engine = new QueryEngine(config(0, Long.MAX_VALUE))) {
            Run run = run(engine, join(how));
            assertThat(run.spilledFiles()).isZero();
            inMemory = run.rows();
        }
        try (QueryEngine engine = new QueryEngine(config(64 << 10, Long.MAX_VALUE))) {
            Run run = run(engine, join(how));
            assertThat(run.spilledFiles()).as("buckets written").isGreaterThan(8);
            assertThat(run.rows()).hasSameSizeAs(inMemory);
            assertThat(Rows.difference(inMemory, run.rows(), keepsLeftOrder(how))).as("in the left input's order when it keeps it")
                    .isNull();
            if (how == JoinType.INNER) {
                assertThat(Rows.difference(duck.query("SELECT id, a, lp, rid, rp FROM '" + left + "' JOIN '" + right
                        + "' ON a = b"), run.rows(), false)).isNull();
            }
        }
        assertThat(filesUnder(spillDir)).isEmpty();
    }

    /**
     * With a share smaller than one bucket, each bucket is split again, and its parts again: more
     * files than the first split can make (a file per bucket, side and input partition), and the
     * rows the join gives in memory.
     */
    @ParameterizedTest
    @EnumSource(value = JoinType.class, names = {"INNER", "FULL", "ANTI"})
    void bucketsTooBigToBuildAreSplitAgain(JoinType how) throws IOException {
        List<List<Object>> inMemory;
        try (QueryEngine engine = new QueryEngine(config(0, Long.MAX_VALUE))) {
            inMemory = run(engine, join(how)).rows();
        }
        try (QueryEngine engine = new QueryEngine(config(4 << 10, Long.MAX_VALUE))) {
            int firstSplitFiles = 2 * 2 * 2 * 16; // two sides of two partitions, 16 buckets per probe partition
            Run run = run(engine, join(how));
            assertThat(run.spilledFiles()).as("files written").isGreaterThan(firstSplitFiles);
            assertThat(Rows.difference(inMemory, run.rows(), keepsLeftOrder(how))).isNull();
        }
        assertThat(filesUnder(spillDir)).isEmpty();
    }
}
