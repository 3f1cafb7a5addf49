package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.sort.IntSorter;
import io.polaroid.engine.exec.sort.SortColumn;
import io.polaroid.engine.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** The order of sort keys over the rows of batches; stable: ties keep a batch's order. */
final class SortOrder {
    private final List<SortKeyExpr> keys;

    SortOrder(List<SortKeyExpr> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Row numbers of {@code batch}, sorted. */
    int[] of(Batch batch, BufferAllocator allocator) {
        try (Keys k = keys(batch, allocator)) {
            int n = batch.rowCount();
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            IntSorter.sort(order, n, k.columns.length == 1 ? k.columns[0] : (a, b) -> k.compare(a, k, b));
            return order;
        }
    }

    /** The sort keys of {@code batch}'s rows, held until closed. */
    Keys keys(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        List<FieldVector> vectors = new ArrayList<>(keys.size());
        try {
            SortColumn[] columns = new SortColumn[keys.size()];
            for (int k = 0; k < keys.size(); k++) {
                SortKeyExpr key = keys.get(k);
                FieldVector v = key.expr().eval(batch, allocator);
                vectors.add(v);
                columns[k] = SortColumn.of(v, key.expr().type(), n, key.descending(), key.nullsLast());
            }
            return new Keys(columns, vectors);
        } catch (RuntimeException | Error e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
    }

    /** The evaluated keys of one batch: rows of two such batches compare with {@link #compare}. */
    static final class Keys implements AutoCloseable {
        private final SortColumn[] columns;
        private final List<FieldVector> vectors;

        private Keys(SortColumn[] columns, List<FieldVector> vectors) {
            this.columns = columns;
            this.vectors = vectors;
        }

        /** Row a of these keys' batch against row b of {@code other}'s. */
        int compare(int a, Keys other, int b) {
            for (int k = 0; k < columns.length; k++) {
                int r = columns[k].compareWith(a, other.columns[k], b);
                if (r != 0) {
                    return r;
                }
            }
            return 0;
        }

        @Override
        public void close() {
            vectors.forEach(FieldVector::close);
        }
    }
}
