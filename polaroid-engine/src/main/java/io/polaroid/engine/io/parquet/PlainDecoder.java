package io.polaroid.engine.io.parquet;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.kernels.Utf8Writer;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * PLAIN-encoded values. Fixed-width values whose Parquet layout is the Arrow layout (int32,
 * int64, float, double, dates, timestamps) are copied with one memory copy per call; others
 * (narrow ints, decimals, INT96 timestamps, booleans) convert value by value.
 */
final class PlainDecoder extends ValueDecoder {
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private final byte[] data;
    private int pos;
    private final PrimitiveTypeName physical;
    private final DataType target;
    private final int typeLength;
    private long bitPos;

    PlainDecoder(byte[] data, int pos, PrimitiveTypeName physical, DataType target, int typeLength) {
        this.data = data;
        this.pos = pos;
        this.physical = physical;
        this.target = target;
        this.typeLength = typeLength;
    }

    @Override
    void decodeFixed(FieldVector out, int at, int count) {
        ArrowBuf o = out.getDataBuffer();
        switch (physical) {
            case INT32 -> int32(o, at, count);
            case INT64 -> int64(o, at, count);
            case FLOAT -> copy(o, (long) at << 2, count << 2);
            case DOUBLE -> copy(o, (long) at << 3, count << 3);
            case INT96 -> {
                for (int i = 0; i < count; i++) {
                    long nanos = (long) LONG.get(data, pos);
                    long day = (int) INT.get(data, pos + 8);
                    o.setLong((long) (at + i) << 3, (day - JULIAN_EPOCH_DAY) * NANOS_PER_DAY + nanos);
                    pos += 12;
                }
            }
            case BOOLEAN -> {
                for (int i = 0; i < count; i++) {
                    int bit = (data[pos + (int) (bitPos >>> 3)] >>> (bitPos & 7)) & 1;
                    bitPos++;
                    if (bit != 0) {
                        BitVectorHelper.setBit(o, at + i);
                    }
                }
            }
            case FIXED_LEN_BYTE_ARRAY -> {
                for (int i = 0; i < count; i++) {
                    writeBigEndianDecimal(o, at + i, pos, typeLength);
                    pos += typeLength;
                }
            }
            case BINARY -> {
                for (int i = 0; i < count; i++) {
                    int len = (int) INT.get(data, pos);
                    writeBigEndianDecimal(o, at + i, pos + 4, len);
                    pos += 4 + len;
                }
            }
            default -> throw PolaroidException.notSupported("Parquet type " + physical);
        }
    }

    /** Bytes per value; 0 for booleans (bits) and BINARY (length-prefixed). */
    private int valueSize() {
        return switch (physical) {
            case INT32, FLOAT -> 4;
            case INT64, DOUBLE -> 8;
            case INT96 -> 12;
            case FIXED_LEN_BYTE_ARRAY -> typeLength;
            default -> 0;
        };
    }

    @Override
    void gatherFixed(FieldVector out, int outAt, int[] dense, int m, int total) {
        int size = valueSize();
        if (size == 0) {
            gatherOneByOne(out, outAt, dense, m, total);
            return;
        }
        int base = pos;
        ArrowBuf o = out.getDataBuffer();
        boolean sameLayout = switch (target.kind()) {
            case INT32, DATE32 -> physical == PrimitiveTypeName.INT32;
            case INT64, TIMESTAMP, TIME, DURATION -> physical == PrimitiveTypeName.INT64;
            case FLOAT32 -> physical == PrimitiveTypeName.FLOAT;
            case FLOAT64 -> physical == PrimitiveTypeName.DOUBLE;
            default -> false;
        };
        if (sameLayout && size == 8) {
            for (int j = 0; j < m; j++) {
                if (dense[j] >= 0) {
                    o.setLong((long) (outAt + j) << 3, (long) LONG.get(data, base + (dense[j] << 3)));
                }
            }
        } else if (sameLayout) {
            for (int j = 0; j < m; j++) {
                if (dense[j] >= 0) {
                    o.setInt((long) (outAt + j) << 2, (int) INT.get(data, base + (dense[j] << 2)));
                }
            }
        } else if (target.kind() == TypeKind.DECIMAL && physical == PrimitiveTypeName.INT64) {
            for (int j = 0; j < m; j++) {
                if (dense[j] >= 0) {
                    long v = (long) LONG.get(data, base + (dense[j] << 3));
                    o.setLong((long) (outAt + j) << 4, v);
                    o.setLong(((long) (outAt + j) << 4) + 8, v >> 63);
                }
            }
        } else {
            for (int j = 0; j < m; j++) {
                if (dense[j] >= 0) {
                    pos = base + dense[j] * size;
                    decodeFixed(out, outAt + j, 1);
                }
            }
        }
        pos = base + total * size;
    }

    @Override
    void gatherStrings(Utf8Writer out, int[] dense, int m, int total) {
        int at = 0;
        for (int j = 0; j < m; j++) {
            int v = dense[j];
            if (v < 0) {
                out.appendNull();
                continue;
            }
            skip(v - at);
            int len = (int) INT.get(data, pos);
            out.append(data, pos + 4, len);
            pos += 4 + len;
            at = v + 1;
        }
        skip(total - at);
    }

    @Override
    void skip(int count) {
        int size = valueSize();
        if (size > 0) {
            pos += count * size;
        } else if (physical == PrimitiveTypeName.BOOLEAN) {
            bitPos += count;
        } else {
            for (int i = 0; i < count; i++) {
                pos += 4 + (int) INT.get(data, pos);
            }
        }
    }

    private void copy(ArrowBuf o, long outByte, int bytes) {
        o.setBytes(outByte, data, pos, bytes);
        pos += bytes;
    }

    private void int32(ArrowBuf o, int at, int count) {
        switch (target.kind()) {
            case INT32, DATE32 -> copy(o, (long) at << 2, count << 2);
            case INT8 -> {
                for (int i = 0; i < count; i++, pos += 4) {
                    o.setByte(at + i, (byte) (int) INT.get(data, pos));
                }
            }
            case INT16 -> {
                for (int i = 0; i < count; i++, pos += 4) {
                    o.setShort((long) (at + i) << 1, (short) (int) INT.get(data, pos));
                }
            }
            case INT64 -> {
                for (int i = 0; i < count; i++, pos += 4) {
                    o.setLong((long) (at + i) << 3, Integer.toUnsignedLong((int) INT.get(data, pos)));
                }
            }
            case DECIMAL -> {
                for (int i = 0; i < count; i++, pos += 4) {
                    long v = (int) INT.get(data, pos);
                    o.setLong((long) (at + i) << 4, v);
                    o.setLong(((long) (at + i) << 4) + 8, v >> 63);
                }
            }
            default -> throw PolaroidException.notSupported("Parquet INT32 as " + target);
        }
    }

    private void int64(ArrowBuf o, int at, int count) {
        switch (target.kind()) {
            case INT64, TIMESTAMP, TIME, DURATION -> copy(o, (long) at << 3, count << 3);
            case DECIMAL -> {
                for (int i = 0; i < count; i++, pos += 8) {
                    long v = (long) LONG.get(data, pos);
                    o.setLong((long) (at + i) << 4, v);
                    o.setLong(((long) (at + i) << 4) + 8, v >> 63);
                }
            }
            default -> throw PolaroidException.notSupported("Parquet INT64 as " + target);
        }
    }

    /** A big-endian two's complement integer of {@code len} bytes as a decimal128 value. */
    private void writeBigEndianDecimal(ArrowBuf o, int row, int start, int len) {
        long hi = len > 0 && data[start] < 0 ? -1L : 0L;
        long lo = hi;
        for (int k = 0; k < len; k++) {
            hi = (hi << 8) | (lo >>> 56);
            lo = (lo << 8) | (data[start + k] & 0xFFL);
        }
        o.setLong((long) row << 4, lo);
        o.setLong(((long) row << 4) + 8, hi);
    }

    @Override
    void decodeStrings(Utf8Writer out, int at, int k, long[] valid) {
        for (int r = at; r < at + k; r++) {
            if (isSet(valid, r)) {
                int len = (int) INT.get(data, pos);
                out.append(data, pos + 4, len);
                pos += 4 + len;
            } else {
                out.appendNull();
            }
        }
    }
}
