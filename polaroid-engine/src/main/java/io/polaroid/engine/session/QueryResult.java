package io.polaroid.engine.session;

import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.util.List;

/**
 * The batches of a finished query, in order, owned by the allocator the caller gave, and what the
 * query did. Closing it frees the batches.
 */
public record QueryResult(String queryId, Schema schema, List<Batch> batches, QueryStats stats) implements AutoCloseable {
    public long rowCount() {
        long n = 0;
        for (Batch b : batches) {
            n += b.rowCount();
        }
        return n;
    }

    @Override
    public void close() {
        batches.forEach(Batch::close);
    }
}
