package io.polaroid.engine.physical.expr;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Vectors;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.VarCharVector;

/** Fills a new UTF8 vector row by row, growing its data buffer as needed. */
public final class Utf8Writer {
    private final VarCharVector vector;
    private int pos;
    private int row;

    public Utf8Writer(int rows, long estimatedBytes, BufferAllocator allocator) {
        this.vector = (VarCharVector) Vectors.allocate(DataType.UTF8, "", rows, allocator);
        ensure(Math.max(estimatedBytes, 16));
    }

    private void ensure(long bytes) {
        while (vector.getDataBuffer().capacity() < bytes) {
            vector.reallocDataBuffer();
        }
    }

    /** Appends row {@code row} from bytes of {@code src}. */
    public void append(ArrowBuf src, long start, int len) {
        ensure((long) pos + len);
        if (len > 0) {
            vector.getDataBuffer().setBytes(pos, src, start, len);
        }
        finishRow(len);
    }

    public void append(byte[] src, int start, int len) {
        ensure((long) pos + len);
        vector.getDataBuffer().setBytes(pos, src, start, len);
        finishRow(len);
    }

    public void append(byte[] bytes) {
        ensure((long) pos + bytes.length);
        vector.getDataBuffer().setBytes(pos, bytes, 0, bytes.length);
        finishRow(bytes.length);
    }

    /** Starts a row made of several parts: call {@link #appendPart} then {@link #endRow}. */
    public void appendPart(ArrowBuf src, long start, int len) {
        ensure((long) pos + len);
        if (len > 0) {
            vector.getDataBuffer().setBytes(pos, src, start, len);
        }
        pos += len;
    }

    public void endRow() {
        BitVectorHelper.setBit(vector.getValidityBuffer(), row);
        row++;
        vector.getOffsetBuffer().setInt((long) row << 2, pos);
    }

    private void finishRow(int len) {
        pos += len;
        endRow();
    }

    public void appendNull() {
        row++;
        vector.getOffsetBuffer().setInt((long) row << 2, pos);
    }

    public VarCharVector finish() {
        vector.setLastSet(row - 1);
        vector.setValueCount(row);
        return vector;
    }

    public void closeOnError() {
        vector.close();
    }
}
