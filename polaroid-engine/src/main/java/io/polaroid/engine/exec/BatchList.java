package io.polaroid.engine.exec;

import io.polaroid.engine.vector.Batch;
import java.util.ArrayList;
import java.util.Comparator;

/** Batches held together, closed together. */
public final class BatchList extends ArrayList<Batch> implements AutoCloseable {
    public long rows() {
        long total = 0;
        for (Batch b : this) {
            total += b.rowCount();
        }
        return total;
    }

    public void sortBySeq() {
        sort(Comparator.comparingLong(Batch::seq));
    }

    @Override
    public void close() {
        for (Batch b : this) {
            if (b != null) {
                b.close();
            }
        }
        clear();
    }
}
