package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchList;
import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.SharedResult;
import io.polaroid.engine.exec.SpillArbiter;
import io.polaroid.engine.exec.Streams;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.spill.SpillFile;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * A subplan that occurs more than once in a plan (a subquery used twice) runs once: the first
 * consumer to ask runs every partition of it, and every consumer then reads the same batches,
 * shared without copying. A partition that outgrows its share of the query's memory goes to a spill
 * file instead, which each consumer reads on its own. The planner puts the same instance wherever
 * the subplan occurs.
 */
public final class SharedSubplanExec implements ExecNode {
    private final ExecNode input;

    public SharedSubplanExec(ExecNode input) {
        this.input = input;
    }

    @Override
    public Schema schema() {
        return input.schema();
    }

    @Override
    public List<ExecNode> children() {
        return List.of(input);
    }

    @Override
    public int partitions() {
        return input.partitions();
    }

    @Override
    public boolean spills() {
        return true;
    }

    /** One partition's batches: in memory, or, once they outgrew it, all in a spill file. */
    private record Part(BatchList memory, SpillFile file) implements AutoCloseable {
        @Override
        public void close() {
            memory.close();
            if (file != null) {
                file.close();
            }
        }
    }

    /** Every partition, kept until the query ends. */
    private record Results(List<Part> partitions) implements AutoCloseable {
        @Override
        public void close() {
            partitions.forEach(Part::close);
        }
    }

    /** Runs partition {@code p} of the subplan, moving what it made to disk once it holds more than its share. */
    private Part collect(int p, TaskContext ctx) {
        BatchList memory = new BatchList();
        SpillFile[] file = new SpillFile[1];
        long[] held = new long[1];
        try (SpillArbiter.Consumer spillable = ctx.memory().register("shared subplan", input.partitions())) {
            Streams.forEachOwned(input, p, ctx, b -> {
                if (file[0] != null) {
                    try (b) {
                        file[0].write(b);
                    }
                    return;
                }
                memory.add(b);
                held[0] += b.bytes();
                if (spillable.shouldSpill(held[0])) {
                    file[0] = ctx.spillFile(this, "shared");
                    memory.forEach(file[0]::write);
                    memory.close();
                    memory.clear();
                }
            });
            if (file[0] != null) {
                file[0].finish();
            }
            return new Part(memory, file[0]);
        } catch (RuntimeException | Error e) {
            memory.close();
            if (file[0] != null) {
                file[0].close();
            }
            throw e;
        }
    }

    @Override
    public BatchStream execute(int partition, TaskContext ctx) {
        return new LazyStream(() -> {
            SharedResult<Part, Results> shared = ctx.shared(this, () -> new SharedResult<>(input.partitions(),
                    p -> collect(p, ctx), Results::new, ctx));
            Part part = shared.get().partitions().get(partition);
            return part.file() != null ? fromDisk(part.file().read(ctx.allocator())) : shares(part.memory());
        });
    }

    /** Views of the batches in memory, which stay the shared result's. */
    private static BatchStream shares(BatchList memory) {
        List<Batch> copies = new ArrayList<>();
        try {
            for (Batch b : memory) {
                List<FieldVector> columns = new ArrayList<>(b.columnCount());
                for (FieldVector v : b.columns()) {
                    columns.add(Vectors.share(v));
                }
                copies.add(Batch.of(b.schema(), columns, b.rowCount(), b.seq()));
            }
            return Streams.of(copies);
        } catch (RuntimeException | Error e) {
            copies.forEach(Batch::close);
            throw e;
        }
    }

    private static BatchStream fromDisk(SpillFile.Reader reader) {
        return new BatchStream() {
            @Override
            public Batch next() {
                return reader.next();
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }

    @Override
    public String describe() {
        return "SharedSubplanExec (runs once, read by every consumer)";
    }
}
