package io.polaroid.engine.distributed;

import io.polaroid.engine.session.QueryStats;
import io.polaroid.engine.vector.Batch;
import java.util.List;

/** What one task produced: its batches per output partition, and what it read. */
public record TaskOutput(List<List<Batch>> partitions, QueryStats stats) implements AutoCloseable {
    public TaskOutput {
        partitions = List.copyOf(partitions);
    }

    public long rows() {
        long rows = 0;
        for (List<Batch> p : partitions) {
            for (Batch b : p) {
                rows += b.rowCount();
            }
        }
        return rows;
    }

    public long bytes() {
        long bytes = 0;
        for (List<Batch> p : partitions) {
            for (Batch b : p) {
                bytes += b.bytes();
            }
        }
        return bytes;
    }

    @Override
    public void close() {
        partitions.forEach(p -> p.forEach(Batch::close));
    }
}
