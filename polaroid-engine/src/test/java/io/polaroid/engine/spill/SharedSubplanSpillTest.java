package io.polaroid.engine.spill;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.dsl.SortKey;
import io.polaroid.engine.exec.OperatorTiming;
import io.polaroid.engine.session.ProfiledResult;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.session.QueryResult;
import io.polaroid.engine.testing.Rows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subplan used twice runs once; when its partitions outgrow their share they go to disk, and each
 * consumer reads them from there: the answer is DuckDB's and no spill file is left.
 */
class SharedSubplanSpillTest extends SpillTestBase {
    static Path data;

    @BeforeAll
    static void writeData(@TempDir Path tmp) {
        data = tmp.resolve("t.parquet");
        duck.execute("COPY (SELECT (i * 7919) % 50000 AS g, (i % 1013) * 0.25 AS x FROM range(200000) t(i)) TO '"
                + data + "' (FORMAT PARQUET, ROW_GROUP_SIZE 16384)");
    }

    @Test
    void aSharedAggregateThatSpillsIsReadFromDiskByBothConsumers() throws IOException {
        Expr g = new Expr.Column("g");
        PlanNode sums = new PlanNode.Aggregate(new PlanNode.Scan(ScanFormat.PARQUET, List.of(data.toString()), null),
                List.of(g), List.of(new Expr.Alias(Expr.call("sum", new Expr.Column("x")), "s")), false);
        PlanNode plan = new PlanNode.Sort(new PlanNode.Join(sums, sums, List.of(g), List.of(g), JoinType.INNER,
                PlanNode.Join.DEFAULT_SUFFIX), List.of(new SortKey(g, false, false)), false);
        List<List<Object>> expected = duck.query("WITH a AS (SELECT g, sum(x) AS s FROM '" + data + "' GROUP BY g)"
                + " SELECT a.g, a.s, b.s FROM a JOIN a AS b ON a.g = b.g ORDER BY a.g");
        try (QueryEngine engine = new QueryEngine(config(64 << 10, Long.MAX_VALUE))) {
            assertThat(engine.explain(plan)).as("the aggregate is shared").contains("SharedSubplanExec");
            try (BufferAllocator results = engine.rootAllocator().newChildAllocator("results", 0, Long.MAX_VALUE)) {
                ProfiledResult profiled = engine.profile(plan, results);
                try (QueryResult r = profiled.result()) {
                    assertThat(Rows.difference(expected, Rows.of(r.batches()), true)).isNull();
                }
                OperatorTiming shared = profiled.operators().stream().filter(o -> o.node().startsWith("SharedSubplanExec"))
                        .findFirst().orElseThrow();
                assertThat(shared.spilledBytes()).as("bytes the shared subplan wrote").isPositive();
            }
            assertThat(engine.rootAllocator().getAllocatedMemory()).isZero();
        }
        assertThat(filesUnder(spillDir)).isEmpty();
    }
}
