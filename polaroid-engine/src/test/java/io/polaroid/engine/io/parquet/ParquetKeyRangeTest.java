package io.polaroid.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.distributed.DistributedPlanner;
import io.polaroid.engine.distributed.InProcessStages;
import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.serde.fragment.TaskFragments;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import io.polaroid.engine.vector.Batch;
import io.polaroid.proto.v1.ScanPart;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A row group cut exactly where a key range starts and ends ({@link ParquetMorsel#keyRange}), found
 * from its page index and the one page a bound falls inside, as the tasks of a scan split by key
 * ranges read the row group their bound falls in: each reads its keys' rows, with no filter on the
 * key, and together they find every row. Files of parquet-mr (page index on) with pages of 8 kB,
 * each one row group, in key order.
 */
class ParquetKeyRangeTest {
    static DuckDb duck;
    static QueryEngine engine;
    static Path dir;

    @BeforeAll
    static void writeFiles(@org.junit.jupiter.api.io.TempDir Path tmp) {
        dir = tmp;
        duck = new DuckDb();
        engine = new QueryEngine(EngineConfig.defaults().withThreads(2).withBatchRows(1000).withHadoop(Map.of()));
        // a: one row per id from 0 to 399,999 in two files; b: two rows per id of a, but none for every seventh, in two
        // files (so that left and anti joins keep rows of a with no match)
        write("a1", "SELECT i AS id, (i * 7) % 1000 AS x FROM range(0, 300000) t(i)");
        write("a2", "SELECT i AS id, (i * 7) % 1000 AS x FROM range(300000, 400000) t(i)");
        write("b1", "SELECT i // 2 AS id, i % 13 AS y FROM range(0, 500000) t(i) WHERE (i // 2) % 7 <> 3");
        write("b2", "SELECT i // 2 AS id, i % 13 AS y FROM range(500000, 800000) t(i) WHERE (i // 2) % 7 <> 3");
    }

    /** A file of parquet-mr from DuckDB's rows of {@code select}: one row group, pages of 8 kB. */
    private static void write(String name, String select) {
        String staged = dir.resolve(name + "-duck.parquet").toString();
        duck.execute("COPY (" + select + ") TO '" + staged + "' (FORMAT PARQUET)");
        ParquetTesting.rewriteWithSmallPages(engine, staged, file(name));
    }

    @AfterAll
    static void close() {
        engine.close();
        duck.close();
    }

    private static String file(String name) {
        return dir.resolve(name + ".parquet").toString();
    }

    private static Morsel rowGroup(String name) {
        List<Morsel> morsels = new ParquetSource(List.of(file(name)), new FileSystems(Map.of())).morsels(List.of("id", "x"), List.of());
        assertThat(morsels).hasSize(1);
        return morsels.get(0);
    }

    @Test
    void aPartHoldsExactlyTheRowsOfItsKeys() {
        Morsel group = rowGroup("a1");
        Morsel part = only(group.keyRange("id", 100_000L, 200_000L));
        assertThat(ids(part)).hasSize(100_000).startsWith(100_000L).endsWith(199_999L).isSorted();
        // a part of a part keeps within it
        assertThat(ids(only(part.keyRange("id", null, 150_000L)))).hasSize(50_000).startsWith(100_000L).endsWith(149_999L);
        assertThat(ids(only(part.keyRange("id", 150_000L, 300_000L)))).hasSize(50_000).startsWith(150_000L).endsWith(199_999L);
        // two rows per key, a bound inside a page and at the end of the row group
        assertThat(ids(only(rowGroup("b1").keyRange("id", 1001L, 1003L)))).containsExactly(1001L, 1001L, 1002L, 1002L);
        assertThat(ids(only(group.keyRange("id", 299_000L, null)))).hasSize(1000).startsWith(299_000L).endsWith(299_999L);
        assertThat(ids(only(group.keyRange("id", null, 10L)))).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(group.keyRange("id", 300_000L, null)).isEmpty();
        assertThat(group.keyRange("id", null, -5L)).isEmpty();
        assertThat(group.keyRange("id", null, null)).containsExactly(group);
    }

    @Test
    void aColumnWhosePagesAreNotInKeyOrderCannotBeCut() {
        Morsel group = rowGroup("a1");
        assertThat(group.keyRange("x", 100L, 200L)).isNull();
        assertThat(group.keyRange("no_such_column", 100L, 200L)).isNull();
    }

    /**
     * a joined with b on id, both split by the same key ranges: the bound falls inside a row group of
     * each, which the tasks on either side each read in part, with no filter on id; the join finds
     * DuckDB's rows.
     */
    @ParameterizedTest(name = "{0} join")
    @ValueSource(strings = {"INNER", "LEFT", "ANTI"})
    void tasksSplitByKeyRangesReadTheirPartOfARowGroupAndFindEveryRow(String how) {
        PlanNode a = new PlanNode.Scan(ScanFormat.PARQUET, List.of(file("a1"), file("a2")), null);
        PlanNode b = new PlanNode.Scan(ScanFormat.PARQUET, List.of(file("b1"), file("b2")), null);
        PlanNode join = new PlanNode.Join(a, b, List.of(new Expr.Column("id")), List.of(new Expr.Column("id")),
                JoinType.valueOf(how), PlanNode.Join.DEFAULT_SUFFIX);
        DistributedPlan plan = new DistributedPlanner(2, 0).plan(engine.plan(join).optimized());
        assertThat(plan.explain()).contains("split by id into 2 key ranges");
        TaskFragments fragments = new TaskFragments(plan);
        int cut = 0;
        for (int task = 0; task < 2; task++) {
            for (var scan : fragments.scans(0, task)) {
                assertThat(scan.hasKeyRange()).as(plan.explain()).isFalse();
                for (ScanPart p : scan.getPartsList()) {
                    cut += p.getParquet().getRowCount() > 0 ? 1 : 0;
                }
            }
        }
        // each task reads a part of b's first row group (where the bound falls) and of a's first
        assertThat(cut).as(plan.explain()).isEqualTo(4);

        String sql = switch (how) {
            case "INNER" -> "SELECT a.id, x, y FROM a JOIN b ON a.id = b.id";
            case "LEFT" -> "SELECT a.id, x, y FROM a LEFT JOIN b ON a.id = b.id";
            default -> "SELECT a.id, x FROM a ANTI JOIN b ON a.id = b.id";
        };
        String from = "WITH a AS (SELECT * FROM read_parquet(['" + file("a1") + "', '" + file("a2") + "'])),"
                + " b AS (SELECT * FROM read_parquet(['" + file("b1") + "', '" + file("b2") + "'])) ";
        List<List<Object>> expected = duck.query(from + sql);
        assertThat(expected).hasSizeGreaterThan(50_000);
        assertThat(Rows.difference(expected, InProcessStages.rows(engine, plan), false)).as(plan.explain()).isNull();
        assertThat(engine.rootAllocator().getAllocatedMemory()).isZero();
    }

    private static Morsel only(List<Morsel> parts) {
        assertThat(parts).hasSize(1);
        return parts.get(0);
    }

    private static List<Long> ids(Morsel part) {
        List<Long> out = new ArrayList<>();
        try (BufferAllocator allocator = engine.rootAllocator().newChildAllocator("part", 0, Long.MAX_VALUE);
             Morsel.BatchReader reader = part.open(List.of("id"), ParquetTesting.scanContext(allocator))) {
            for (Batch next = reader.next(); next != null; next = reader.next()) {
                try (Batch b = next) {
                    BigIntVector v = (BigIntVector) b.column(0);
                    for (int i = 0; i < b.rowCount(); i++) {
                        out.add(v.get(i));
                    }
                }
            }
        }
        return out;
    }
}
