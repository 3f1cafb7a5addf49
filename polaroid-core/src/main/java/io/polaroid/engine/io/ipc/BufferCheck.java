package io.polaroid.engine.io.ipc;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.complex.BaseRepeatedValueVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Checks that a vector Arrow loaded from IPC bytes is whole: buffers long enough for its values,
 * string offsets that only grow and stay within the data, dictionary indices within the
 * dictionary. Arrow loads whatever the bytes say; a corrupt file must fail here, as INVALID_DATA
 * of the scan, rather than in whichever operator reads past a buffer first.
 */
final class BufferCheck {
    private BufferCheck() {
    }

    static void check(FieldVector v, int rows) {
        if (v.getValueCount() != rows) {
            throw corrupt(v, "has " + v.getValueCount() + " values in a batch of " + rows + " rows");
        }
        if (v instanceof NullVector || rows == 0) {
            return;
        }
        need(v, v.getValidityBuffer(), (rows + 7) / 8, "validity");
        if (v instanceof BitVector) {
            need(v, v.getDataBuffer(), (rows + 7) / 8, "data");
        } else if (v instanceof BaseFixedWidthVector f) {
            need(v, v.getDataBuffer(), (long) rows * f.getTypeWidth(), "data");
        } else if (v instanceof BaseVariableWidthVector w) {
            ArrowBuf offsets = w.getOffsetBuffer();
            need(v, offsets, (rows + 1L) * BaseVariableWidthVector.OFFSET_WIDTH, "offset");
            long previous = offsets.getInt(0);
            for (int i = 1; i <= rows; i++) {
                long next = offsets.getInt((long) i * BaseVariableWidthVector.OFFSET_WIDTH);
                previous = checkOffset(v, previous, next);
            }
            need(v, v.getDataBuffer(), previous, "data");
        } else if (v instanceof BaseLargeVariableWidthVector w) {
            ArrowBuf offsets = w.getOffsetBuffer();
            need(v, offsets, (rows + 1L) * BaseLargeVariableWidthVector.OFFSET_WIDTH, "offset");
            long previous = offsets.getLong(0);
            for (int i = 1; i <= rows; i++) {
                previous = checkOffset(v, previous, offsets.getLong((long) i * BaseLargeVariableWidthVector.OFFSET_WIDTH));
            }
            need(v, v.getDataBuffer(), previous, "data");
        } else if (v instanceof ListVector l) {
            ArrowBuf offsets = l.getOffsetBuffer();
            need(v, offsets, (rows + 1L) * BaseRepeatedValueVector.OFFSET_WIDTH, "offset");
            long previous = offsets.getInt(0);
            for (int i = 1; i <= rows; i++) {
                previous = checkOffset(v, previous, offsets.getInt((long) i * BaseRepeatedValueVector.OFFSET_WIDTH));
            }
            FieldVector values = l.getDataVector();
            if (previous > values.getValueCount()) {
                throw corrupt(v, "has list offsets up to " + previous + " over " + values.getValueCount() + " values");
            }
            check(values, values.getValueCount());
        } else if (v instanceof StructVector s) {
            for (org.apache.arrow.vector.ValueVector child : s.getChildrenFromFields()) {
                check((FieldVector) child, rows);
            }
        }
    }

    /** Every non-null index of {@code indices} must name a value of {@code dictionary}. */
    static void checkIndices(FieldVector indices, int dictionarySize) {
        BaseIntVector ints = (BaseIntVector) indices;
        for (int i = 0; i < indices.getValueCount(); i++) {
            if (!indices.isNull(i)) {
                long index = ints.getValueAsLong(i);
                if (index < 0 || index >= dictionarySize) {
                    throw corrupt(indices, "has the dictionary index " + index + " in a dictionary of "
                            + dictionarySize + " values");
                }
            }
        }
    }

    private static long checkOffset(FieldVector v, long previous, long next) {
        if (previous < 0 || next < previous) {
            throw corrupt(v, "has string offsets that go back, from " + previous + " to " + next);
        }
        return next;
    }

    private static void need(FieldVector v, ArrowBuf buffer, long bytes, String which) {
        if (buffer.capacity() < bytes) {
            throw corrupt(v, "has a " + which + " buffer of " + buffer.capacity() + " bytes where " + bytes + " are needed");
        }
    }

    private static IllegalStateException corrupt(FieldVector v, String problem) {
        return new IllegalStateException("column '" + v.getName() + "' " + problem);
    }
}
