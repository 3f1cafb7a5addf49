package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.filter.RowFilter;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** Keeping the rows of a batch for which a predicate is true (not false, not null). */
final class Selection {
    private Selection() {
    }

    /**
     * The rows of {@code batch} that {@code filter} keeps, as a new batch with the same sequence
     * number; the input batch itself when every row passes; null when none does. The input is
     * closed unless it is returned.
     */
    static Batch filter(Batch batch, RowFilter filter, BufferAllocator allocator) {
        int n = batch.rowCount();
        int[] rows = new int[n];
        int selected;
        try {
            selected = filter.select(batch, allocator, rows);
        } catch (RuntimeException | Error e) {
            batch.close();
            throw e;
        }
        if (selected == n) {
            return batch;
        }
        try (batch) {
            return selected == 0 ? null : take(batch, rows, selected, allocator);
        }
    }

    /** Rows {@code rows[0 .. count)} of {@code batch} as a new batch with the same sequence number. */
    static Batch take(Batch batch, int[] rows, int count, BufferAllocator allocator) {
        List<FieldVector> columns = new ArrayList<>(batch.columnCount());
        try {
            for (FieldVector c : batch.columns()) {
                columns.add(Vectors.take(c, rows, count, allocator));
            }
        } catch (RuntimeException | Error e) {
            columns.forEach(FieldVector::close);
            throw e;
        }
        return Batch.of(batch.schema(), columns, count, batch.seq());
    }
}
