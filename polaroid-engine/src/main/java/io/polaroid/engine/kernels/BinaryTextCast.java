package io.polaroid.engine.kernels;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.Bytes;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.types.Utf8;
import io.polaroid.engine.vector.Vectors;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Casts between binary and text: the same offsets and bytes under the other type. Bytes that are
 * not UTF-8 fail a cast to text whether it is strict or not, as in Polars ("invalid utf8").
 */
final class BinaryTextCast {
    private BinaryTextCast() {
    }

    static boolean applies(DataType from, DataType to) {
        return from.kind().isVarBytes() && to.kind().isVarBytes() && from.kind() != to.kind();
    }

    static FieldVector cast(FieldVector in, DataType to, PhysicalExpr input, int n, BufferAllocator allocator) {
        BaseVariableWidthVector src = (BaseVariableWidthVector) in;
        ArrowBuf offsets = src.getOffsetBuffer();
        if (to.kind() == TypeKind.UTF8) {
            for (int i = 0; i < n; i++) {
                int start = offsets.getInt((long) i << 2);
                int len = offsets.getInt((long) (i + 1) << 2) - start;
                if (!src.isNull(i) && len > 0 && Utf8.decodeOrNull(src.getDataBuffer().nioBuffer(start, len)) == null) {
                    throw new PolaroidException(ErrorCode.INVALID_VALUE, "cannot cast " + Bytes.of(src.get(i)) + " of "
                            + input + " (binary) to str: invalid utf8");
                }
            }
        }
        return Vectors.concat(List.of(in), to, "", allocator); // the same bytes and offsets, copied under the type
    }
}
