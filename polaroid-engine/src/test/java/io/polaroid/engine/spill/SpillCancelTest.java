package io.polaroid.engine.spill;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.session.RunControl;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A query cancelled while its operators spill stops, leaves no spill file and no memory, and the engine goes on. */
class SpillCancelTest extends SpillTestBase {
    static Path data;

    @BeforeAll
    static void writeData(@TempDir Path tmp) {
        data = tmp.resolve("t.parquet");
        duck.execute("COPY (SELECT i AS id, i % 500 AS k, 'row-' || i AS s FROM range(100000) t(i)) TO '" + data
                + "' (FORMAT PARQUET, ROW_GROUP_SIZE 10000)");
    }

    @Test
    void aQueryCancelledWhileItSpillsLeavesNothingBehind() throws Exception {
        PlanNode scan = new PlanNode.Scan(ScanFormat.PARQUET, List.of(data.toString()), null);
        Expr k = new Expr.Column("k");
        // 200 rows a key on each side: 20 million rows out, far more than the test waits for
        PlanNode selfJoin = new PlanNode.Join(scan, scan, List.of(k), List.of(k), JoinType.INNER, PlanNode.Join.DEFAULT_SUFFIX);
        try (QueryEngine engine = new QueryEngine(config(32 << 10, Long.MAX_VALUE))) {
            RunControl control = new RunControl();
            CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> {
                try (BufferAllocator results = engine.rootAllocator().newChildAllocator("results", 0, Long.MAX_VALUE)) {
                    engine.execute(engine.plan(selfJoin).physical(), results, "cancel-me", control).close();
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (filesUnder(spillDir).isEmpty()) {
                assertThat(run).as("the query is still running").isNotDone();
                assertThat(System.nanoTime()).as("spill files appear").isLessThan(deadline);
                Thread.sleep(5);
            }
            control.cancel("the test cancels it while it spills");
            Throwable failure = run.get(60, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOfSatisfying(PolaroidException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED));
            assertThat(filesUnder(spillDir)).as("spill files left").isEmpty();
            try (java.util.stream.Stream<Path> folders = java.nio.file.Files.list(spillDir)) {
                assertThat(folders.toList()).as("the query's spill folder is gone too").isEmpty();
            }
            assertThat(engine.rootAllocator().getAllocatedMemory()).isZero();

            Run after = run(engine, new PlanNode.Slice(scan, 0, 3L));
            assertThat(after.rows()).as("the engine goes on").hasSize(3);
        }
    }
}
