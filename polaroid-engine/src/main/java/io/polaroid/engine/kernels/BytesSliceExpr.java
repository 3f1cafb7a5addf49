package io.polaroid.engine.kernels;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Bytes by position, as Polars: {@code bin.slice(offset, length)} (a negative offset counts from the
 * end, the range is clipped to the value), {@code bin.head(n)}/{@code bin.tail(n)} (a negative n
 * leaves out that many from the other end), and {@code bin.get(index)}, one byte as i64 (Polars' u8),
 * out of range an error or, with {@code nullOnOutOfRange}, null.
 */
public record BytesSliceExpr(ScalarFn fn, PhysicalExpr input, long n, Long length, boolean nullOnOutOfRange)
        implements PhysicalExpr {
    @Override
    public DataType type() {
        return fn == ScalarFn.BIN_GET ? DataType.INT64 : DataType.BINARY;
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int rows = batch.rowCount();
        try (FieldVector in = input.eval(batch, allocator)) {
            if (fn != ScalarFn.BIN_GET) {
                return Utf8Writer.mapRows(in, DataType.BINARY, rows, Vectors.dataBytes(in), allocator,
                        (data, start, len, row, out) -> {
                            long[] range = range(len);
                            out.append(data, start + range[0], (int) (range[1] - range[0]));
                        });
            }
            FieldVector out = Vectors.allocate(DataType.INT64, "", rows, allocator);
            try {
                Bits.copyValidity(in, out, rows);
                ArrowBuf offsets = ((BaseVariableWidthVector) in).getOffsetBuffer();
                for (int i = 0; i < rows; i++) {
                    int start = offsets.getInt((long) i << 2);
                    int len = offsets.getInt((long) (i + 1) << 2) - start;
                    long at = n >= 0 ? n : len + n;
                    if (in.isNull(i)) {
                        continue;
                    }
                    if (at < 0 || at >= len) {
                        if (!nullOnOutOfRange) {
                            throw new PolaroidException(ErrorCode.INVALID_VALUE, "get index is out of bounds: byte " + n
                                    + " of a value of " + len + " bytes in " + input + "; null_on_oob=True makes it null");
                        }
                        BitVectorHelper.unsetBit(out.getValidityBuffer(), i);
                        continue;
                    }
                    out.getDataBuffer().setLong((long) i << 3, in.getDataBuffer().getByte(start + at) & 0xFF);
                }
                out.setValueCount(rows);
                return out;
            } catch (RuntimeException | Error e) {
                out.close();
                throw e;
            }
        }
    }

    /** The kept bytes {@code [from, to)} of a value of {@code len} bytes. */
    long[] range(int len) {
        long from;
        long to;
        switch (fn) {
            case BIN_HEAD -> {
                from = 0;
                to = n >= 0 ? n : len + n;
            }
            case BIN_TAIL -> {
                from = n >= 0 ? len - n : -n;
                to = len;
            }
            default -> {
                from = n >= 0 ? n : len + n;
                to = length == null ? len : from + length;
            }
        }
        from = Math.max(0, Math.min(from, len));
        to = Math.max(from, Math.min(to, len));
        return new long[] {from, to};
    }

    @Override
    public String toString() {
        return fn.symbol() + "(" + input + ", " + n + (length == null ? "" : ", " + length) + ")";
    }
}
