package io.polaroid.engine.warmup;

import io.polaroid.engine.distributed.DistributedPlan;
import io.polaroid.engine.distributed.DistributedPlanner;
import io.polaroid.engine.distributed.ExchangeInputs;
import io.polaroid.engine.distributed.Stage;
import io.polaroid.engine.distributed.StageTaskRunner;
import io.polaroid.engine.distributed.TaskOutput;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.dsl.StorageOptions;
import io.polaroid.engine.io.parquet.ParquetWriter;
import io.polaroid.engine.serde.fragment.FragmentBinding;
import io.polaroid.engine.serde.fragment.TaskFragments;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.session.QueryResult;
import io.polaroid.engine.session.RunControl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs the engine's common paths a few times on a small made-up table before a server takes its
 * first query: Parquet written and read through the file systems, filters, hash aggregation, a
 * hash join, a sort, SQL, and a stage's fragment encoded, decoded and run with its output hash
 * partitioned. The classes load and the hot loops compile here, not in the first user's query.
 */
public final class EngineWarmUp {
    private static final int ROWS = 40_000;
    private static final int ROUNDS = 2;
    private static final List<String> QUERIES = List.of(
            "SELECT flag, k % 7 AS bucket, sum(price) AS total, avg(discount) AS d, count(*) AS n FROM t "
                    + "WHERE day <= DATE '1996-01-01' GROUP BY flag, k % 7 ORDER BY flag, bucket",
            "SELECT a.flag, count(*) AS n, max(b.price) AS top FROM t a JOIN t b ON a.id = b.id "
                    + "WHERE a.discount < 0.05 GROUP BY a.flag ORDER BY n DESC",
            "SELECT id, price * (1 - discount) AS net FROM t WHERE flag = 'R' AND k BETWEEN 10 AND 400 ORDER BY net DESC LIMIT 10");

    private EngineWarmUp() {
    }

    /** A small made-up table shaped like TPC-H's line items, as an Arrow IPC stream (a cluster's warm-up task reads it). */
    public static byte[] table(int rows, BufferAllocator allocator) {
        return WarmUpTable.ipc(rows, allocator);
    }

    /** Warms {@code engine} up; returns how long it took, in milliseconds. */
    public static long run(QueryEngine engine) {
        long start = System.nanoTime();
        Path dir;
        try {
            dir = Files.createTempDirectory("polaroid-warm-up");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (BufferAllocator allocator = engine.rootAllocator().newChildAllocator("warm-up", 0, Long.MAX_VALUE)) {
            String file = dir.resolve("t.parquet").toString();
            try (QueryResult rows = engine.execute(new PlanNode.InMemory(WarmUpTable.ipc(ROWS, allocator)), allocator)) {
                ParquetWriter.write(rows.schema(), rows.batches(), file, engine.files());
            }
            PlanNode table = new PlanNode.Scan(ScanFormat.PARQUET, List.of(file), null, StorageOptions.NONE);
            for (int round = 0; round < ROUNDS; round++) {
                for (String sql : QUERIES) {
                    PlanNode query = new PlanNode.Sql(sql, Map.of("t", table));
                    engine.execute(query, allocator).close();
                    runLeafStages(engine, query, allocator);
                }
            }
        } finally {
            delete(dir);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The stages that read only files, as a worker runs them: from their fragments on the wire, output hash partitioned. */
    private static void runLeafStages(QueryEngine engine, PlanNode query, BufferAllocator allocator) {
        DistributedPlan plan = new DistributedPlanner(2, 0).plan(engine.plan(query).optimized());
        TaskFragments fragments = new TaskFragments(plan);
        StageTaskRunner runner = new StageTaskRunner(engine);
        ExchangeInputs none = (stage, schema) -> {
            throw new IllegalStateException("a leaf stage reads no exchange");
        };
        for (Stage stage : plan.stages()) {
            if (!stage.inputs().isEmpty()) {
                continue;
            }
            for (int task = 0; task < stage.tasks(); task++) {
                var bound = FragmentBinding.bind(fragments.fragment(stage.id()), fragments.scans(stage.id(), task), none,
                        engine.files());
                TaskOutput out = runner.run(bound, FragmentBinding.output(fragments.hashKeys(stage.id()), stage.partitions()),
                        allocator, "warm-up", new RunControl());
                out.close();
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder the system cleans anyway
        }
    }
}
