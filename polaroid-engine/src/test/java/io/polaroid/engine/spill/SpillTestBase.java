package io.polaroid.engine.spill;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.exec.SpillSettings;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.session.QueryResult;
import io.polaroid.engine.testing.DuckDb;
import io.polaroid.engine.testing.Rows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A DuckDB oracle, a spill folder per test, and queries run with their spill counts. */
abstract class SpillTestBase {
    static DuckDb duck;

    @TempDir
    Path spillDir;

    @BeforeAll
    static void startDuckDb() {
        duck = new DuckDb();
    }

    @AfterAll
    static void closeDuckDb() {
        duck.close();
    }

    /** Two threads, small batches, spilling to this test's folder past {@code operatorBytes} (0: the default). */
    EngineConfig config(long operatorBytes, long maxBytes) {
        return EngineConfig.defaults().withThreads(2).withBatchRows(4096).withHadoop(Map.of())
                .withSpill(SpillSettings.DEFAULT.withDirs(List.of(spillDir.toString())).withOperatorBytes(operatorBytes)
                        .withMaxBytes(maxBytes));
    }

    record Run(List<List<Object>> rows, long spilledBytes, int spilledFiles) {
    }

    /** Runs {@code plan}, checking that the query left no memory behind. */
    static Run run(QueryEngine engine, PlanNode plan) {
        try (BufferAllocator results = engine.rootAllocator().newChildAllocator("results", 0, Long.MAX_VALUE);
             QueryResult r = engine.execute(plan, results)) {
            return new Run(Rows.of(r.batches()), r.stats().spilledBytes(), r.stats().spilledFiles());
        } finally {
            assertThat(engine.rootAllocator().getAllocatedMemory()).isZero();
        }
    }

    static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
