package io.polaroid.engine.io.parquet;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.kernels.Utf8Writer;
import io.polaroid.engine.types.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.api.Binary;

/**
 * Encodings without a bulk path here (delta encodings, byte stream split, RLE booleans): read
 * value by value with parquet-mr's own {@link ValuesReader}. Correct for every encoding
 * parquet-mr knows, and slower.
 */
final class FallbackDecoder extends ValueDecoder {
    private final ValuesReader reader;
    private final ColumnDescriptor descriptor;
    private final DataType target;

    FallbackDecoder(Encoding encoding, ColumnDescriptor descriptor, DataType target, byte[] data, int pos, int end,
                    int valueCount) {
        this.descriptor = descriptor;
        this.target = target;
        this.reader = encoding.getValuesReader(descriptor, ValuesType.VALUES);
        try {
            reader.initFromPage(valueCount, ByteBufferInputStream.wrap(ByteBuffer.wrap(data, pos, end - pos)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    void decodeFixed(FieldVector out, int at, int count) {
        ArrowBuf o = out.getDataBuffer();
        for (int i = 0; i < count; i++) {
            int row = at + i;
            switch (descriptor.getPrimitiveType().getPrimitiveTypeName()) {
                case BOOLEAN -> {
                    if (reader.readBoolean()) {
                        BitVectorHelper.setBit(o, row);
                    }
                }
                case INT32 -> writeLong(o, row, reader.readInteger(), true);
                case INT64 -> writeLong(o, row, reader.readLong(), false);
                case FLOAT -> o.setFloat((long) row << 2, reader.readFloat());
                case DOUBLE -> o.setDouble((long) row << 3, reader.readDouble());
                case BINARY, FIXED_LEN_BYTE_ARRAY -> {
                    Binary b = reader.readBytes();
                    java.math.BigInteger v = new java.math.BigInteger(b.getBytes());
                    o.setLong((long) row << 4, v.longValue());
                    o.setLong(((long) row << 4) + 8, v.shiftRight(64).longValue());
                }
                default -> throw PolaroidException.notSupported("Parquet type " + descriptor.getPrimitiveType());
            }
        }
    }

    @Override
    void gatherFixed(FieldVector out, int outAt, int[] dense, int m, int total) {
        gatherOneByOne(out, outAt, dense, m, total);
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
            out.append(reader.readBytes().getBytes());
            at = v + 1;
        }
        skip(total - at);
    }

    @Override
    void skip(int count) {
        if (count > 0) {
            reader.skip(count);
        }
    }

    private void writeLong(ArrowBuf o, int row, long v, boolean fromInt32) {
        switch (target.kind()) {
            case INT8 -> o.setByte(row, (byte) v);
            case INT16 -> o.setShort((long) row << 1, (short) v);
            case INT32, DATE32 -> o.setInt((long) row << 2, (int) v);
            case DECIMAL -> {
                o.setLong((long) row << 4, v);
                o.setLong(((long) row << 4) + 8, v >> 63);
            }
            default -> o.setLong((long) row << 3, fromInt32 ? Integer.toUnsignedLong((int) v) : v);
        }
    }

    @Override
    void decodeStrings(Utf8Writer out, int at, int k, long[] valid) {
        for (int r = at; r < at + k; r++) {
            if (isSet(valid, r)) {
                byte[] bytes = reader.readBytes().getBytes();
                out.append(bytes);
            } else {
                out.appendNull();
            }
        }
    }
}
