package io.polaroid.engine.io.filter;

import java.util.function.LongPredicate;
import org.apache.arrow.vector.FieldVector;

/**
 * A runtime join filter's keys as a column test: a row passes when its key may be on the join's
 * build side. A reader of a dictionary-encoded key column asks once per dictionary entry, not once
 * per row, and decodes the key only for the rows that pass. A null never passes.
 */
public final class KeySetTest implements ColumnTest {
    private final String column;
    private final LongPredicate keys;

    public KeySetTest(String column, LongPredicate keys) {
        this.column = column;
        this.keys = keys;
    }

    @Override
    public String column() {
        return column;
    }

    @Override
    public void andTest(FieldVector v, int n, long[] pass, int at) {
        long[] values = new long[n];
        JoinKeyCheck.read(v, null, n, values);
        boolean nulls = v.getNullCount() > 0;
        for (int i = 0; i < n; i++) {
            if ((nulls && v.isNull(i)) || !keys.test(values[i])) {
                int r = at + i;
                pass[r >>> 6] &= ~(1L << r);
            }
        }
    }

    @Override
    public byte[] verdicts(FieldVector dictionary, int size) {
        long[] values = new long[size];
        JoinKeyCheck.read(dictionary, null, size, values);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = (byte) (keys.test(values[i]) ? 1 : 0);
        }
        return out;
    }

    @Override
    public String toString() {
        return column + " in the join's keys";
    }
}
