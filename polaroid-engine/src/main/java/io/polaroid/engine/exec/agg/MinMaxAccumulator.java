package io.polaroid.engine.exec.agg;

import io.polaroid.engine.types.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * min or max, skipping nulls and, as Polars, NaN: a group of only nulls gives null, one of only
 * NaN (and nulls) NaN.
 */
final class MinMaxAccumulator implements Accumulator {
    private final GroupValues values;
    private final int sign;

    MinMaxAccumulator(DataType type, boolean max) {
        this.values = GroupValues.of(type);
        this.sign = max ? 1 : -1;
    }

    @Override
    public void resize(int groups) {
        values.resize(groups);
    }

    @Override
    public void update(int[] groupIds, int n, FieldVector input, long seq) {
        values.bind(input, n);
        boolean[] set = values.set;
        for (int i = 0; i < n; i++) {
            if (values.rowIsNull(i)) {
                continue;
            }
            int g = groupIds[i];
            if (!set[g] || !values.rowIsNaN(i) && (values.groupIsNaN(g) || values.compareRow(i, g) * sign > 0)) {
                values.storeRow(i, g);
            }
        }
    }

    @Override
    public void merge(Accumulator other, int from, int to) {
        GroupValues o = ((MinMaxAccumulator) other).values;
        if (!o.set[from]) {
            return;
        }
        if (!values.set[to] || !o.groupIsNaN(from) && (values.groupIsNaN(to) || values.compareGroup(o, from, to) * sign > 0)) {
            values.storeGroup(o, from, to);
        }
    }

    @Override
    public FieldVector finish(int[] ids, int count, String name, BufferAllocator allocator) {
        return values.toVector(ids, count, name, allocator);
    }

    @Override
    public int bytesPerGroup() {
        return values.bytesPerGroup();
    }
}
