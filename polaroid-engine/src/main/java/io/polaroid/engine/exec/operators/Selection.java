package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.Batch;
import io.polaroid.engine.physical.expr.PhysicalExpr;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/** Keeping the rows of a batch for which a predicate is true (not false, not null). */
final class Selection {
    private Selection() {
    }

    /**
     * The rows of {@code batch} where {@code predicate} is true, as a new batch with the same
     * sequence number; the input batch itself when every row passes; null when none does.
     * The input is closed unless it is returned.
     */
    static Batch filter(Batch batch, PhysicalExpr predicate, BufferAllocator allocator) {
        int n = batch.rowCount();
        long[] words = new long[Bits.words(n)];
        try (BitVector mask = (BitVector) predicate.eval(batch, allocator)) {
            boolean noNulls = mask.getNullCount() == 0;
            for (int w = 0; w < words.length; w++) {
                words[w] = Bits.trueWord(mask, noNulls, w, n);
            }
        } catch (RuntimeException e) {
            batch.close();
            throw e;
        }
        int selected = Bits.count(words, n);
        if (selected == n) {
            return batch;
        }
        try (batch) {
            if (selected == 0) {
                return null;
            }
            int[] rows = new int[selected];
            Bits.positions(words, n, rows);
            return take(batch, rows, selected, allocator);
        }
    }

    /** Rows {@code rows[0 .. count)} of {@code batch} as a new batch with the same sequence number. */
    static Batch take(Batch batch, int[] rows, int count, BufferAllocator allocator) {
        List<FieldVector> columns = new ArrayList<>(batch.columnCount());
        try {
            for (FieldVector c : batch.columns()) {
                columns.add(Vectors.take(c, rows, count, allocator));
            }
        } catch (RuntimeException e) {
            columns.forEach(FieldVector::close);
            throw e;
        }
        return Batch.of(batch.schema(), columns, count, batch.seq());
    }
}
