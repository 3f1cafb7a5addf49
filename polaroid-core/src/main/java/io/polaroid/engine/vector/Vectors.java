package io.polaroid.engine.vector;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Making, sharing and copying vectors. Every method returns a vector the caller owns. Values are
 * written straight into Arrow buffers; none of this boxes a value except {@link Values}.
 */
public final class Vectors {
    private Vectors() {
    }

    /**
     * A vector with room for {@code rows} values and every value null, ready to be filled through
     * its buffers. Capacity is rounded up to whole 64-bit words of validity, so kernels may write
     * validity and boolean values a word at a time. Variable-width vectors get {@code rows * 16}
     * data bytes to start with.
     */
    public static FieldVector allocate(DataType type, String name, int rows, BufferAllocator allocator) {
        FieldVector v = ArrowTypes.newVector(name, type, allocator);
        int capacity = Bits.roundUpToWord(Math.max(rows, 1));
        try {
            if (v instanceof BaseFixedWidthVector f) {
                f.allocateNew(capacity);
            } else if (v instanceof BaseVariableWidthVector w) {
                w.allocateNew(capacity * 16L, capacity);
            } else if (v instanceof BitVector b) {
                b.allocateNew(capacity);
            } else if (!(v instanceof NullVector)) {
                v.allocateNew();
            }
            return v;
        } catch (RuntimeException | Error e) {
            v.close();
            throw e;
        }
    }

    /** Another vector over the same buffers (reference-counted), valid after {@code v} is closed. */
    public static FieldVector share(FieldVector v) {
        return slice(v, 0, v.getValueCount());
    }

    /** Rows {@code offset .. offset+length} of {@code v}, without copying values where Arrow allows it. */
    public static FieldVector slice(FieldVector v, int offset, int length) {
        TransferPair pair = v.getTransferPair(v.getField(), v.getAllocator());
        if (length == 0) {
            FieldVector empty = (FieldVector) pair.getTo();
            empty.setValueCount(0);
            return empty;
        }
        pair.splitAndTransfer(offset, length);
        return (FieldVector) pair.getTo();
    }

    /** A vector whose every value is {@code value} (null allowed). */
    public static FieldVector constant(DataType type, Object value, int rows, String name, BufferAllocator allocator) {
        FieldVector v = allocate(type, name, rows, allocator);
        try {
            if (value != null) {
                if (v instanceof BaseFixedWidthVector f && type.kind() != TypeKind.BOOL) {
                    Values.set(v, 0, value, type);
                    int width = f.getTypeWidth();
                    ArrowBuf data = f.getDataBuffer();
                    for (int i = 1; i < rows; i++) {
                        data.setBytes((long) i * width, data, 0, width);
                    }
                    setAllValid(v.getValidityBuffer(), rows);
                } else {
                    for (int i = 0; i < rows; i++) {
                        Values.set(v, i, value, type);
                    }
                }
            }
            v.setValueCount(rows);
            return v;
        } catch (RuntimeException | Error e) {
            v.close();
            throw e;
        }
    }

    /** Marks the first {@code rows} values valid. */
    public static void setAllValid(ArrowBuf validity, int rows) {
        int fullBytes = rows >>> 3;
        if (fullBytes > 0) {
            validity.setOne(0, fullBytes);
        }
        for (int i = fullBytes << 3; i < rows; i++) {
            BitVectorHelper.setBit(validity, i);
        }
    }

    /** Sets a value of a Float32 or Float64 vector from a double (data only; the caller sets validity). */
    public static void setFloat(FieldVector v, int index, double value) {
        if (v instanceof org.apache.arrow.vector.Float4Vector) {
            v.getDataBuffer().setFloat((long) index << 2, (float) value);
        } else {
            v.getDataBuffer().setDouble((long) index << 3, value);
        }
    }

    public static boolean isNull(FieldVector v, int index) {
        return v instanceof NullVector || v.isNull(index);
    }

    public static boolean hasNulls(FieldVector v) {
        return v instanceof NullVector ? v.getValueCount() > 0 : v.getNullCount() > 0;
    }

    /**
     * Gathers {@code v[indices[0..n)]} into a new vector. An index of -1 produces a null (used for
     * the missing side of outer joins).
     */
    public static FieldVector take(FieldVector v, int[] indices, int n, BufferAllocator allocator) {
        return take(v, indices, n, allocator, true);
    }

    /**
     * {@link #take(FieldVector, int[], int, BufferAllocator)} from a vector the caller knows has no
     * null when {@code mayHaveNulls} is false (a join's build side, asked once rather than per take).
     */
    public static FieldVector take(FieldVector v, int[] indices, int n, BufferAllocator allocator, boolean mayHaveNulls) {
        if (v instanceof NullVector) {
            NullVector out = new NullVector(v.getField());
            out.setValueCount(n);
            return out;
        }
        FieldVector out = v.getField().createVector(allocator);
        try {
            if (v instanceof BitVector src) {
                takeBits(src, (BitVector) out, indices, n);
            } else if (v instanceof BaseFixedWidthVector src) {
                takeFixed(src, (BaseFixedWidthVector) out, indices, n, mayHaveNulls);
            } else if (v instanceof BaseVariableWidthVector src) {
                takeVariable(src, (BaseVariableWidthVector) out, indices, n, mayHaveNulls);
            } else if (v instanceof ListVector || v instanceof StructVector) {
                takeNested(v, out, indices, n);
            } else {
                throw PolaroidException.notSupported("gathering vectors of type " + v.getField().getType());
            }
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }

    private static void takeBits(BitVector src, BitVector out, int[] indices, int n) {
        out.allocateNew(Bits.roundUpToWord(Math.max(n, 1)));
        ArrowBuf srcValid = src.getValidityBuffer();
        ArrowBuf srcData = src.getDataBuffer();
        ArrowBuf outValid = out.getValidityBuffer();
        ArrowBuf outData = out.getDataBuffer();
        for (int i = 0; i < n; i++) {
            int j = indices[i];
            if (j >= 0 && BitVectorHelper.get(srcValid, j) != 0) {
                BitVectorHelper.setBit(outValid, i);
                if (BitVectorHelper.get(srcData, j) != 0) {
                    BitVectorHelper.setBit(outData, i);
                }
            }
        }
        out.setValueCount(n);
    }

    private static void takeFixed(BaseFixedWidthVector src, BaseFixedWidthVector out, int[] indices, int n, boolean mayHaveNulls) {
        out.allocateNew(Bits.roundUpToWord(Math.max(n, 1)));
        int width = src.getTypeWidth();
        ArrowBuf s = src.getDataBuffer();
        ArrowBuf d = out.getDataBuffer();
        if (mostlyRuns(indices, n)) {
            // a selection that keeps most rows is long runs of consecutive rows: copy them whole
            forEachRun(indices, n, (at, from, len) -> d.setBytes((long) at * width, s, (long) from * width, (long) len * width));
            takeValidity(src, out.getValidityBuffer(), indices, n, mayHaveNulls);
            out.setValueCount(n);
            return;
        }
        switch (width) {
            case 1 -> {
                for (int i = 0; i < n; i++) {
                    int j = indices[i];
                    if (j >= 0) {
                        d.setByte(i, s.getByte(j));
                    }
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    int j = indices[i];
                    if (j >= 0) {
                        d.setShort((long) i << 1, s.getShort((long) j << 1));
                    }
                }
            }
            case 4 -> {
                for (int i = 0; i < n; i++) {
                    int j = indices[i];
                    if (j >= 0) {
                        d.setInt((long) i << 2, s.getInt((long) j << 2));
                    }
                }
            }
            case 8 -> {
                for (int i = 0; i < n; i++) {
                    int j = indices[i];
                    if (j >= 0) {
                        d.setLong((long) i << 3, s.getLong((long) j << 3));
                    }
                }
            }
            case 16 -> {
                for (int i = 0; i < n; i++) {
                    int j = indices[i];
                    if (j >= 0) {
                        d.setLong((long) i << 4, s.getLong((long) j << 4));
                        d.setLong(((long) i << 4) + 8, s.getLong(((long) j << 4) + 8));
                    }
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    int j = indices[i];
                    if (j >= 0) {
                        d.setBytes((long) i * width, s, (long) j * width, width);
                    }
                }
            }
        }
        takeValidity(src, out.getValidityBuffer(), indices, n, mayHaveNulls);
        out.setValueCount(n);
    }

    /** Lists and structs are copied value by value with Arrow's own copy, which knows their children. */
    private static void takeNested(FieldVector src, FieldVector out, int[] indices, int n) {
        out.allocateNew();
        for (int i = 0; i < n; i++) {
            int j = indices[i];
            if (j >= 0 && !src.isNull(j)) {
                out.copyFromSafe(j, i, src);
            } else {
                setNestedNull(out, i);
            }
        }
        out.setValueCount(n);
    }

    /** Marks row {@code i} of a list or struct vector null (a struct's children too, so they stay aligned). */
    private static void setNestedNull(FieldVector out, int i) {
        if (out instanceof ListVector list) {
            list.setNull(i);
        } else {
            ((StructVector) out).setNull(i);
        }
    }

    /** A run of {@code len} consecutive source rows from {@code from}, written at row {@code at}. */
    private interface RunCopy {
        void copy(int at, int from, int len);
    }

    /** Whether the indexes are ascending runs averaging at least 8 rows (and none is -1). */
    private static boolean mostlyRuns(int[] indices, int n) {
        if (n < 64) {
            return false;
        }
        int breaks = 0;
        for (int i = 1; i < n; i++) {
            if (indices[i] < 0) {
                return false;
            }
            if (indices[i] != indices[i - 1] + 1) {
                breaks++;
            }
        }
        return breaks * 8 < n && indices[0] >= 0;
    }

    private static void forEachRun(int[] indices, int n, RunCopy copy) {
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || indices[i] != indices[i - 1] + 1) {
                copy.copy(start, indices[start], i - start);
                start = i;
            }
        }
    }

    /**
     * Copies the validity bits of the taken rows. Counting the source's nulls reads its whole validity
     * buffer, so it is worth it only when the take reads at least one row per 64 of the source (one per
     * word counted); a small take from a large source reads the bits it needs.
     */
    private static void takeValidity(FieldVector src, ArrowBuf outValid, int[] indices, int n, boolean mayHaveNulls) {
        ArrowBuf srcValid = src.getValidityBuffer();
        if (!mayHaveNulls || (long) n * Long.SIZE >= src.getValueCount() && src.getNullCount() == 0) {
            boolean anyMissing = false;
            for (int i = 0; i < n; i++) {
                if (indices[i] < 0) {
                    anyMissing = true;
                    break;
                }
            }
            if (!anyMissing) {
                setAllValid(outValid, n);
                return;
            }
            for (int i = 0; i < n; i++) {
                if (indices[i] >= 0) {
                    BitVectorHelper.setBit(outValid, i);
                }
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            int j = indices[i];
            if (j >= 0 && BitVectorHelper.get(srcValid, j) != 0) {
                BitVectorHelper.setBit(outValid, i);
            }
        }
    }

    private static void takeVariable(BaseVariableWidthVector src, BaseVariableWidthVector out, int[] indices, int n,
                                     boolean mayHaveNulls) {
        ArrowBuf srcOffsets = src.getOffsetBuffer();
        long total = 0;
        for (int i = 0; i < n; i++) {
            int j = indices[i];
            if (j >= 0) {
                total += srcOffsets.getInt((long) (j + 1) << 2) - srcOffsets.getInt((long) j << 2);
            }
        }
        out.allocateNew(Math.max(total, 1), Bits.roundUpToWord(Math.max(n, 1)));
        ArrowBuf s = src.getDataBuffer();
        ArrowBuf d = out.getDataBuffer();
        ArrowBuf outOffsets = out.getOffsetBuffer();
        outOffsets.setInt(0, 0);
        if (mostlyRuns(indices, n)) {
            int[] pos = {0};
            forEachRun(indices, n, (at, from, len) -> {
                int first = srcOffsets.getInt((long) from << 2);
                int bytes = srcOffsets.getInt((long) (from + len) << 2) - first;
                if (bytes > 0) {
                    d.setBytes(pos[0], s, first, bytes);
                }
                int shift = pos[0] - first;
                for (int k = 1; k <= len; k++) {
                    outOffsets.setInt((long) (at + k) << 2, srcOffsets.getInt((long) (from + k) << 2) + shift);
                }
                pos[0] += bytes;
            });
            takeValidity(src, out.getValidityBuffer(), indices, n, mayHaveNulls);
            out.setLastSet(n - 1);
            out.setValueCount(n);
            return;
        }
        int pos = 0;
        for (int i = 0; i < n; i++) {
            int j = indices[i];
            if (j >= 0) {
                int start = srcOffsets.getInt((long) j << 2);
                int len = srcOffsets.getInt((long) (j + 1) << 2) - start;
                if (len > 0) {
                    d.setBytes(pos, s, start, len);
                }
                pos += len;
            }
            outOffsets.setInt((long) (i + 1) << 2, pos);
        }
        takeValidity(src, out.getValidityBuffer(), indices, n, mayHaveNulls);
        out.setLastSet(n - 1);
        out.setValueCount(n);
    }

    /** All rows of {@code parts} one after the other, in a new vector of {@code type}. */
    public static FieldVector concat(List<FieldVector> parts, DataType type, String name, BufferAllocator allocator) {
        int total = 0;
        for (FieldVector p : parts) {
            total += p.getValueCount();
        }
        if (type.kind() == TypeKind.NULL) {
            NullVector out = new NullVector(name);
            out.setValueCount(total);
            return out;
        }
        FieldVector out = ArrowTypes.newVector(name, type, allocator);
        try {
            if (out instanceof ListVector || out instanceof StructVector) {
                concatNested(parts, out, total);
                return out;
            }
            if (out instanceof BaseVariableWidthVector w) {
                long bytes = 0;
                for (FieldVector p : parts) {
                    bytes += dataBytes(p);
                }
                w.allocateNew(Math.max(bytes, 1), Bits.roundUpToWord(Math.max(total, 1)));
            } else if (out instanceof BaseFixedWidthVector f) {
                f.allocateNew(Bits.roundUpToWord(Math.max(total, 1)));
            } else {
                ((BitVector) out).allocateNew(Bits.roundUpToWord(Math.max(total, 1)));
            }
            int at = 0;
            int byteAt = 0;
            for (FieldVector p : parts) {
                int count = p.getValueCount();
                copyInto(p, out, at, byteAt, count);
                byteAt += dataBytes(p);
                at += count;
            }
            if (out instanceof BaseVariableWidthVector w) {
                w.setLastSet(total - 1);
            }
            out.setValueCount(total);
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }

    private static void concatNested(List<FieldVector> parts, FieldVector out, int total) {
        out.allocateNew();
        int at = 0;
        for (FieldVector p : parts) {
            for (int i = 0; i < p.getValueCount(); i++, at++) {
                if (p.isNull(i)) {
                    setNestedNull(out, at);
                } else {
                    out.copyFromSafe(i, at, p);
                }
            }
        }
        out.setValueCount(total);
    }

    /** Copies all values of {@code src} into {@code dst} starting at row {@code at} (data byte {@code byteAt}). */
    private static void copyInto(FieldVector src, FieldVector dst, int at, int byteAt, int count) {
        if (count == 0) {
            return;
        }
        ArrowBuf srcValid = src.getValidityBuffer();
        ArrowBuf dstValid = dst.getValidityBuffer();
        if (src instanceof NullVector) {
            return;
        }
        if ((at & 7) == 0) {
            dstValid.setBytes(at >>> 3, srcValid, 0, (count + 7) >>> 3);
            for (int i = at + count; i < ((at + count + 7) & ~7); i++) {
                BitVectorHelper.unsetBit(dstValid, i);
            }
        } else {
            Bits.orInto(srcValid, count, dstValid, at);
        }
        if (src instanceof BitVector b) {
            Bits.orInto(b.getDataBuffer(), count, dst.getDataBuffer(), at);
        } else if (src instanceof BaseFixedWidthVector f) {
            int width = f.getTypeWidth();
            dst.getDataBuffer().setBytes((long) at * width, f.getDataBuffer(), 0, (long) count * width);
        } else if (src instanceof BaseVariableWidthVector v) {
            ArrowBuf so = v.getOffsetBuffer();
            ArrowBuf dOff = ((BaseVariableWidthVector) dst).getOffsetBuffer();
            int bytes = so.getInt((long) count << 2);
            if (bytes > 0) {
                dst.getDataBuffer().setBytes(byteAt, v.getDataBuffer(), 0, bytes);
            }
            for (int i = 0; i <= count; i++) {
                dOff.setInt((long) (at + i) << 2, byteAt + so.getInt((long) i << 2));
            }
        }
    }

    /** Bytes of string data in a variable-width vector; 0 for other vectors. */
    public static int dataBytes(FieldVector v) {
        if (v instanceof BaseVariableWidthVector w && v.getValueCount() > 0) {
            return w.getOffsetBuffer().getInt((long) v.getValueCount() << 2);
        }
        return 0;
    }

    /** Reads the UTF-8 bytes of string {@code i}. */
    public static byte[] bytes(VarCharVector v, int i) {
        return v.get(i);
    }
}
