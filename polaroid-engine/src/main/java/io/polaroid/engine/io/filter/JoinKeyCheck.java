package io.polaroid.engine.io.filter;

import java.util.Arrays;
import java.util.function.LongPredicate;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * One reader's use of a {@link JoinKeyFilter}: which rows' keys the join may hold, and whether
 * asking still pays. Once {@value #TRIAL_ROWS} rows have been checked and more than three in four
 * passed, the reader stops asking: the join drops the few others itself.
 */
public final class JoinKeyCheck {
    static final int TRIAL_ROWS = 16 * 1024;

    private final JoinKeyFilter filter;
    private long checked;
    private long passed;

    public JoinKeyCheck(JoinKeyFilter filter) {
        this.filter = filter;
    }

    public JoinKeyFilter filter() {
        return filter;
    }

    public boolean useful() {
        return checked < TRIAL_ROWS || passed * 4 <= checked * 3;
    }

    /**
     * The positions {@code j} of {@code 0 .. m)} whose key, at row {@code rows[j]} of {@code key}
     * (row j when rows is null), is not null and passes {@code keys}. A key equal to the row
     * before's is not asked again (files are often in key order).
     */
    public int[] keep(FieldVector key, int[] rows, int m, LongPredicate keys) {
        long[] values = new long[m];
        read(key, rows, m, values);
        boolean nulls = key.getNullCount() > 0;
        int[] out = new int[m];
        int k = 0;
        if (keys instanceof DenseKeySet dense && !nulls) {
            for (int j = 0; j < m; j++) {
                out[k] = j;
                k += dense.bit(values[j]);
            }
            return counted(out, k, m);
        }
        long last = 0;
        boolean lastPassed = false;
        boolean asked = false;
        for (int j = 0; j < m; j++) {
            if (nulls && key.isNull(rows == null ? j : rows[j])) {
                continue;
            }
            long v = values[j];
            if (!asked || v != last) {
                lastPassed = keys.test(v);
                last = v;
                asked = true;
            }
            out[k] = j;
            k += lastPassed ? 1 : 0;
        }
        return counted(out, k, m);
    }

    private int[] counted(int[] out, int k, int m) {
        count(m, k);
        return k == m ? out : Arrays.copyOf(out, k);
    }

    /** Records that {@code asked} rows were checked by other means, of which {@code kept} passed. */
    public void count(long asked, long kept) {
        checked += asked;
        passed += kept;
    }

    /** The keys of rows {@code rows[0 .. m)} (0 .. m when null) of an integer vector, as longs. */
    static void read(FieldVector key, int[] rows, int m, long[] out) {
        ArrowBuf data = key.getDataBuffer();
        switch (((BaseFixedWidthVector) key).getTypeWidth()) {
            case 1 -> {
                for (int j = 0; j < m; j++) {
                    out[j] = data.getByte(rows == null ? j : rows[j]);
                }
            }
            case 2 -> {
                for (int j = 0; j < m; j++) {
                    out[j] = data.getShort((long) (rows == null ? j : rows[j]) << 1);
                }
            }
            case 4 -> {
                for (int j = 0; j < m; j++) {
                    out[j] = data.getInt((long) (rows == null ? j : rows[j]) << 2);
                }
            }
            default -> {
                for (int j = 0; j < m; j++) {
                    out[j] = data.getLong((long) (rows == null ? j : rows[j]) << 3);
                }
            }
        }
    }
}
