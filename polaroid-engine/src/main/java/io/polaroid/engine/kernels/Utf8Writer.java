package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Vectors;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/** Fills a new UTF8 (or BINARY) vector row by row, growing its data buffer as needed. */
public final class Utf8Writer {
    private final BaseVariableWidthVector vector;
    private int pos;
    private int row;
    private long validWord;
    private long capacity;

    public Utf8Writer(int rows, long estimatedBytes, BufferAllocator allocator) {
        this(DataType.UTF8, rows, estimatedBytes, allocator);
    }

    /** A writer of a vector of {@code type}, UTF8 or BINARY (the same layout). */
    public Utf8Writer(DataType type, int rows, long estimatedBytes, BufferAllocator allocator) {
        this.vector = (BaseVariableWidthVector) Vectors.allocate(type, "", rows, allocator);
        ensure(Math.max(estimatedBytes, 16));
    }

    private void ensure(long bytes) {
        if (bytes <= capacity) {
            return;
        }
        while (vector.getDataBuffer().capacity() < bytes) {
            vector.reallocDataBuffer();
        }
        capacity = vector.getDataBuffer().capacity();
    }

    /** Appends row {@code row} from bytes of {@code src}. */
    public void append(ArrowBuf src, long start, int len) {
        ensure((long) pos + len);
        ArrowBuf data = vector.getDataBuffer();
        if (len <= 16) {
            // short strings (codes, flags) copy faster byte by byte than through a memory copy call
            for (int k = 0; k < len; k++) {
                data.setByte(pos + k, src.getByte(start + k));
            }
        } else {
            data.setBytes(pos, src, start, len);
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

    /**
     * Appends {@code n} rows, row i being entry {@code keys[i]} of a dictionary held as
     * {@code bytes[starts[k] .. starts[k] + lengths[k])}, or null where {@code keys[i]} is negative.
     */
    public void appendEntries(byte[] bytes, int[] starts, int[] lengths, int[] keys, int n) {
        long total = 0;
        for (int i = 0; i < n; i++) {
            int k = keys[i];
            total += k < 0 ? 0 : lengths[k];
        }
        ensure(pos + total);
        ArrowBuf data = vector.getDataBuffer();
        ArrowBuf offsets = vector.getOffsetBuffer();
        ArrowBuf validity = vector.getValidityBuffer();
        int p = pos;
        int r = row;
        long word = validWord;
        for (int i = 0; i < n; i++) {
            int k = keys[i];
            if (k >= 0) {
                int start = starts[k];
                int len = lengths[k];
                if (len <= 16) {
                    for (int b = 0; b < len; b++) {
                        data.setByte(p + b, bytes[start + b]);
                    }
                } else {
                    data.setBytes(p, bytes, start, len);
                }
                p += len;
                word |= 1L << r;
            }
            r++;
            offsets.setInt((long) r << 2, p);
            if ((r & 63) == 0) {
                validity.setLong((long) ((r - 1) >>> 6) << 3, word);
                word = 0;
            }
        }
        pos = p;
        row = r;
        validWord = word;
    }

    /**
     * Appends {@code n} rows, none null, row i being entry {@code keys[i]} of a dictionary whose
     * entries are at most 8 bytes: entry k is the low {@code lengths[k]} bytes of
     * {@code words[k]} (little-endian), all {@code sameLength} long unless that is negative.
     * Each row is one 8-byte store; the next row's overwrites the bytes past its end.
     */
    public void appendShortEntries(long[] words, int[] lengths, int sameLength, int[] keys, int n) {
        long total = 0;
        if (sameLength >= 0) {
            total = (long) sameLength * n;
        } else {
            for (int i = 0; i < n; i++) {
                total += lengths[keys[i]];
            }
        }
        ensure(pos + total + Long.BYTES);
        ArrowBuf data = vector.getDataBuffer();
        ArrowBuf offsets = vector.getOffsetBuffer();
        long at = (long) (row + 1) << 2;
        int p = pos;
        if (sameLength >= 0) {
            for (int i = 0; i < n; i++) {
                data.setLong(p, words[keys[i]]);
                p += sameLength;
                offsets.setInt(at + ((long) i << 2), p);
            }
        } else {
            for (int i = 0; i < n; i++) {
                int k = keys[i];
                data.setLong(p, words[k]);
                p += lengths[k];
                offsets.setInt(at + ((long) i << 2), p);
            }
        }
        pos = p;
        markValid(n);
    }

    /** Sets the validity bits of the next {@code n} rows, a word at a time. */
    private void markValid(int n) {
        ArrowBuf validity = vector.getValidityBuffer();
        int r = row;
        int end = row + n;
        long word = validWord;
        while (r < end) {
            int stop = Math.min(end, (r | 63) + 1);
            int count = stop - r;
            word |= count == 64 ? -1L : ((1L << count) - 1) << r;
            r = stop;
            if ((r & 63) == 0) {
                validity.setLong((long) ((r - 1) >>> 6) << 3, word);
                word = 0;
            }
        }
        row = end;
        validWord = word;
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
        validWord |= 1L << row;
        row++;
        vector.getOffsetBuffer().setInt((long) row << 2, pos);
        if ((row & 63) == 0) {
            flushValidity();
        }
    }

    /** Validity bits are collected a word at a time and written when the word is full (or at the end). */
    private void flushValidity() {
        int word = (row - 1) >>> 6;
        vector.getValidityBuffer().setLong((long) word << 3, validWord);
        validWord = 0;
    }

    private void finishRow(int len) {
        pos += len;
        endRow();
    }

    public void appendNull() {
        row++;
        vector.getOffsetBuffer().setInt((long) row << 2, pos);
        if ((row & 63) == 0) {
            flushValidity();
        }
    }

    public BaseVariableWidthVector finish() {
        if ((row & 63) != 0) {
            flushValidity();
        }
        vector.setLastSet(row - 1);
        vector.setValueCount(row);
        return vector;
    }

    public void closeOnError() {
        vector.close();
    }

    /** Writes the value of one non-null row, given its bytes in {@code data}, to {@code out} (or a null). */
    @FunctionalInterface
    public interface RowWriter {
        void write(ArrowBuf data, int start, int len, int row, Utf8Writer out);
    }

    /**
     * A new vector of {@code type} (UTF8 or BINARY), a value per row of the variable-width vector
     * {@code in}: null where {@code in} is null, else what {@code each} writes.
     */
    public static BaseVariableWidthVector mapRows(FieldVector in, DataType type, int n, long estimatedBytes,
                                                  BufferAllocator allocator, RowWriter each) {
        ArrowBuf offsets = ((BaseVariableWidthVector) in).getOffsetBuffer();
        ArrowBuf data = in.getDataBuffer();
        Utf8Writer out = new Utf8Writer(type, n, estimatedBytes, allocator);
        try {
            for (int i = 0; i < n; i++) {
                if (in.isNull(i)) {
                    out.appendNull();
                    continue;
                }
                int start = offsets.getInt((long) i << 2);
                each.write(data, start, offsets.getInt((long) (i + 1) << 2) - start, i, out);
            }
            return out.finish();
        } catch (RuntimeException | Error e) {
            out.closeOnError();
            throw e;
        }
    }
}
