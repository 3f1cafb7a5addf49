package io.polaroid.engine.exec.agg;

import io.polaroid.engine.types.DataType;
import java.util.Arrays;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * first or last value of each group in input order, null included (as Polars). Rows are ordered
 * by (batch sequence number, row), so the answer does not depend on which thread saw which batch.
 */
final class FirstLastAccumulator implements Accumulator {
    private final GroupValues values;
    private final boolean last;
    private long[] seqs = new long[0];
    private int[] rows = new int[0];

    FirstLastAccumulator(DataType type, boolean last) {
        this.values = GroupValues.of(type);
        this.last = last;
    }

    @Override
    public void resize(int groups) {
        values.resize(groups);
        if (seqs.length < groups) {
            int size = Math.max(groups, seqs.length * 2);
            seqs = Arrays.copyOf(seqs, size);
            rows = Arrays.copyOf(rows, size);
        }
    }

    @Override
    public void update(int[] groupIds, int n, FieldVector input, long seq) {
        values.bind(input, n);
        boolean[] set = values.set;
        for (int i = 0; i < n; i++) {
            int g = groupIds[i];
            if (!set[g] || better(seq, i, seqs[g], rows[g])) {
                values.storeRow(i, g);
                seqs[g] = seq;
                rows[g] = i;
            }
        }
    }

    private boolean better(long seq, int row, long seqHeld, int rowHeld) {
        int c = seq != seqHeld ? Long.compare(seq, seqHeld) : Integer.compare(row, rowHeld);
        return last ? c > 0 : c < 0;
    }

    @Override
    public void merge(Accumulator other, int from, int to) {
        FirstLastAccumulator o = (FirstLastAccumulator) other;
        if (!o.values.set[from]) {
            return;
        }
        if (!values.set[to] || better(o.seqs[from], o.rows[from], seqs[to], rows[to])) {
            values.storeGroup(o.values, from, to);
            seqs[to] = o.seqs[from];
            rows[to] = o.rows[from];
        }
    }

    @Override
    public FieldVector finish(int[] ids, int count, String name, BufferAllocator allocator) {
        return values.toVector(ids, count, name, allocator);
    }

    @Override
    public int bytesPerGroup() {
        return values.bytesPerGroup() + 12;
    }
}
