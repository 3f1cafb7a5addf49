package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.Seq;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Gathered rows ({@link Batch#concat}) cut into batches again: what the operators that need all
 * their input at once (a sort, a window) do on either side of their work.
 */
final class Gathered {
    private Gathered() {
    }

    /**
     * The rows of {@code rows} with the columns of {@code added} after them (same length), as
     * batches of at most {@code step} rows in order, numbered as source {@code sourceId}'s. Both
     * stay open: the batches share their buffers.
     */
    static List<Batch> slices(Batch rows, List<FieldVector> added, Schema schema, int step, int sourceId) {
        List<Batch> out = new ArrayList<>();
        int n = rows.rowCount();
        try {
            for (int start = 0, chunk = 0; start < n; start += step, chunk++) {
                int len = Math.min(step, n - start);
                List<FieldVector> cols = new ArrayList<>();
                for (FieldVector c : rows.columns()) {
                    cols.add(Vectors.slice(c, start, len));
                }
                for (FieldVector c : added) {
                    cols.add(Vectors.slice(c, start, len));
                }
                out.add(Batch.of(schema, cols, len, Seq.of(sourceId, 0, chunk)));
            }
            return out;
        } catch (RuntimeException | Error e) {
            out.forEach(Batch::close);
            throw e;
        }
    }
}
