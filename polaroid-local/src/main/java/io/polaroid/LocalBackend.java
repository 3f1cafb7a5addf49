package io.polaroid;

import io.polaroid.engine.dsl.CsvOptions;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.io.csv.CsvWriter;
import io.polaroid.engine.io.ipc.IpcFileWriter;
import io.polaroid.engine.io.ipc.IpcWriter;
import io.polaroid.engine.io.parquet.ParquetWriter;
import io.polaroid.engine.exec.ProfileTable;
import io.polaroid.engine.session.ProfiledResult;
import io.polaroid.engine.session.QueryEngine;
import io.polaroid.engine.session.QueryResult;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs plans with the engine in this JVM. Each result frame gets its own allocator. In polaroid-local
 * (package {@code io.polaroid}, as the API it serves); {@link EngineLocalMode} hands it to {@link Polaroid#local()}.
 */
final class LocalBackend implements Backend {
    private static final AtomicLong RESULTS = new AtomicLong();

    private final QueryEngine engine;
    private final ResultMemory results = new ResultMemory();

    LocalBackend(EngineConfig config) {
        this.engine = new QueryEngine(config);
    }

    @Override
    public Schema schema(PlanNode plan) {
        return engine.schema(plan);
    }

    @Override
    public String explain(PlanNode plan) {
        return engine.explain(plan);
    }

    @Override
    public DataFrame collect(PlanNode plan) {
        BufferAllocator allocator = engine.rootAllocator().newChildAllocator("result-" + RESULTS.incrementAndGet(), 0, Long.MAX_VALUE);
        try {
            QueryResult r = engine.execute(plan, allocator);
            return new DataFrame(this, r.schema(), r.batches(), results.track(r.batches(), allocator));
        } catch (RuntimeException e) {
            allocator.close();
            throw e;
        }
    }

    @Override
    public LazyFrame.Profile profile(PlanNode plan) {
        BufferAllocator allocator = engine.rootAllocator().newChildAllocator("result-" + RESULTS.incrementAndGet(), 0, Long.MAX_VALUE);
        BufferAllocator timings = engine.rootAllocator().newChildAllocator("profile-" + RESULTS.get(), 0, Long.MAX_VALUE);
        try {
            ProfiledResult p = engine.profile(plan, allocator);
            QueryResult r = p.result();
            List<Batch> table = List.of(ProfileTable.of(p.operators(), timings));
            return new LazyFrame.Profile(new DataFrame(this, r.schema(), r.batches(), results.track(r.batches(), allocator)),
                    new DataFrame(this, ProfileTable.SCHEMA, table, results.track(table, timings)));
        } catch (RuntimeException e) {
            timings.close();
            allocator.close();
            throw e;
        }
    }

    /** Local results are complete when they exist: the frames are the collected batches, one by one. */
    @Override
    public java.util.stream.Stream<DataFrame> stream(PlanNode plan) {
        QueryResult r = engine.execute(plan, engine.rootAllocator());
        java.util.List<Batch> batches = new java.util.ArrayList<>(r.batches());
        return batches.stream().map(b -> {
            BufferAllocator allocator = engine.rootAllocator().newChildAllocator("result-" + RESULTS.incrementAndGet(), 0, Long.MAX_VALUE);
            Batch moved = b.transferTo(allocator);
            return new DataFrame(this, r.schema(), java.util.List.of(moved), results.track(java.util.List.of(moved), allocator));
        }).onClose(() -> batches.forEach(Batch::close));
    }

    @Override
    public PlanNode inMemory(DataFrame frame) {
        return new PlanNode.InMemory(IpcWriter.toStreamBytes(frame.schema(), frame.batches(), engine.rootAllocator()));
    }

    @Override
    public void writeParquet(DataFrame frame, String path) {
        ParquetWriter.write(frame.schema(), frame.batches(), path, engine.files());
    }

    @Override
    public void writeCsv(DataFrame frame, String path) {
        CsvWriter.write(frame.schema(), frame.batches(), path, CsvOptions.DEFAULT, engine.files());
    }

    @Override
    public void writeIpc(DataFrame frame, String path) {
        IpcFileWriter.write(frame.schema(), frame.batches(), path, engine.files());
    }

    @Override
    public void close() {
        results.releaseAll();
        engine.close();
    }
}
