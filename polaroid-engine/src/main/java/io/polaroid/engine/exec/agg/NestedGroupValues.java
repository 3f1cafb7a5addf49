package io.polaroid.engine.exec.agg;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Values;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;

/**
 * The value of each group for a list or struct column, boxed ({@link Values}): the state of first
 * and last, which only pick rows. Nested values are not ordered, so min and max never get here.
 */
final class NestedGroupValues extends GroupValues {
    private Object[] values = new Object[0];
    private FieldVector batch;

    NestedGroupValues(DataType type) {
        super(type);
    }

    @Override
    void grow(int size) {
        values = Arrays.copyOf(values, size);
    }

    @Override
    void bindValues(FieldVector v, int n) {
        batch = v;
    }

    @Override
    int compareRow(int row, int g) {
        throw PolaroidException.internal("values of type " + type + " are not ordered");
    }

    @Override
    void storeValue(int row, int g) {
        values[g] = Values.get(batch, row, type);
    }

    @Override
    int compareGroup(GroupValues other, int from, int to) {
        throw PolaroidException.internal("values of type " + type + " are not ordered");
    }

    @Override
    void copyValue(GroupValues other, int from, int to) {
        values[to] = ((NestedGroupValues) other).values[from];
    }

    @Override
    void write(FieldVector v, int[] ids, int count) {
        for (int j = 0; j < count; j++) {
            int g = ids[j];
            Values.set(v, j, set[g] && !nulls[g] ? values[g] : null, type);
        }
    }

    @Override
    int bytesPerGroup() {
        return 64;
    }
}
