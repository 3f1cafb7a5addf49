package io.polaroid.engine.kernels;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

/** Builds a vector whose row i is row i of {@code sources[choice[i]]} (null when choice is -1). */
final class Choose {
    private Choose() {
    }

    static FieldVector choose(DataType type, Operand[] sources, int[] choice, int n, BufferAllocator allocator) {
        FieldVector out = Vectors.allocate(type, "", n, allocator);
        try {
            if (out instanceof NullVector) {
                out.setValueCount(n);
                return out;
            }
            ArrowBuf outValid = out.getValidityBuffer();
            if (out instanceof BaseVariableWidthVector vw) {
                long total = 0;
                for (int i = 0; i < n; i++) {
                    int c = choice[i];
                    if (c >= 0) {
                        Operand s = sources[c];
                        ArrowBuf off = ((BaseVariableWidthVector) s.vector).getOffsetBuffer();
                        int r = i & s.mask;
                        total += off.getInt((long) (r + 1) << 2) - off.getInt((long) r << 2);
                    }
                }
                if (total > vw.getDataBuffer().capacity()) {
                    // (Arrow's realloc copies the old buffer whole, so it must only ever grow)
                    vw.reallocDataBuffer(total);
                }
                ArrowBuf data = vw.getDataBuffer();
                ArrowBuf offsets = vw.getOffsetBuffer();
                int pos = 0;
                for (int i = 0; i < n; i++) {
                    int c = choice[i];
                    if (c >= 0 && !isNullAt(sources[c], i)) {
                        Operand s = sources[c];
                        ArrowBuf off = ((BaseVariableWidthVector) s.vector).getOffsetBuffer();
                        int r = i & s.mask;
                        int start = off.getInt((long) r << 2);
                        int len = off.getInt((long) (r + 1) << 2) - start;
                        if (len > 0) {
                            data.setBytes(pos, s.data(), start, len);
                        }
                        pos += len;
                        BitVectorHelper.setBit(outValid, i);
                    }
                    offsets.setInt((long) (i + 1) << 2, pos);
                }
                vw.setLastSet(n - 1);
            } else if (out instanceof BitVector) {
                ArrowBuf data = out.getDataBuffer();
                for (int i = 0; i < n; i++) {
                    int c = choice[i];
                    if (c >= 0 && !isNullAt(sources[c], i)) {
                        Operand s = sources[c];
                        BitVectorHelper.setBit(outValid, i);
                        if (BitVectorHelper.get(s.data(), i & s.mask) != 0) {
                            BitVectorHelper.setBit(data, i);
                        }
                    }
                }
            } else {
                int width = ((BaseFixedWidthVector) out).getTypeWidth();
                ArrowBuf data = out.getDataBuffer();
                for (int i = 0; i < n; i++) {
                    int c = choice[i];
                    if (c >= 0 && !isNullAt(sources[c], i)) {
                        Operand s = sources[c];
                        data.setBytes((long) i * width, s.data(), (long) (i & s.mask) * width, width);
                        BitVectorHelper.setBit(outValid, i);
                    }
                }
            }
            out.setValueCount(n);
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }

    static boolean isNullAt(Operand s, int i) {
        if (s.isNullScalar()) {
            return true;
        }
        if (s.noNulls()) {
            return false;
        }
        return s.vector instanceof NullVector || s.vector.isNull(i & s.mask);
    }

    static int words(int n) {
        return Bits.words(n);
    }
}
