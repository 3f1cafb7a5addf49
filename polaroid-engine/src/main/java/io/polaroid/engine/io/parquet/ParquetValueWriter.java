package io.polaroid.engine.io.parquet;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.TimeUnit;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Adds one non-null value of an Arrow vector to a Parquet record, in the physical type
 * {@link ParquetSchemas#toParquet(Field)} chose for the column. Values are read straight from the
 * vector's buffers; one writer is chosen per column, once per file.
 */
@FunctionalInterface
interface ParquetValueWriter {
    void write(RecordConsumer out, FieldVector vector, int row);

    static ParquetValueWriter of(Field field) {
        DataType type = field.type();
        return switch (type.kind()) {
            case BOOL -> (out, v, row) -> out.addBoolean(((BitVector) v).get(row) != 0);
            case INT8 -> (out, v, row) -> out.addInteger(v.getDataBuffer().getByte(row));
            case INT16 -> (out, v, row) -> out.addInteger(v.getDataBuffer().getShort((long) row << 1));
            case INT32, DATE32 -> (out, v, row) -> out.addInteger(v.getDataBuffer().getInt((long) row << 2));
            case INT64, DURATION, TIME -> (out, v, row) -> out.addLong(v.getDataBuffer().getLong((long) row << 3));
            case FLOAT32 -> (out, v, row) -> out.addFloat(v.getDataBuffer().getFloat((long) row << 2));
            case FLOAT64 -> (out, v, row) -> out.addDouble(v.getDataBuffer().getDouble((long) row << 3));
            case UTF8, BINARY -> ParquetValueWriter::writeString;
            case TIMESTAMP -> type.unit() == TimeUnit.SECOND ? secondsAsMillis(field.name())
                    : (out, v, row) -> out.addLong(v.getDataBuffer().getLong((long) row << 3));
            case DECIMAL -> decimal(type);
            // Every value of a null column is null, and nulls are never handed to a writer.
            case LIST -> list(type);
            case STRUCT -> struct(type);
            case NULL, INTERVAL -> (out, v, row) -> {
                throw PolaroidException.internal("no Parquet value writer for column '" + field.name() + "' of type " + type);
            };
        };
    }

    /**
     * A list as the three-level group {@link ParquetSchemas#toParquet(Field)} declares: one repeated
     * {@code list} entry per value, its {@code element} left out where the value is null, and no
     * entry at all for an empty list.
     */
    private static ParquetValueWriter list(DataType type) {
        ParquetValueWriter element = of(new Field(ParquetSchemas.LIST_ELEMENT, type.element(), true));
        return (out, v, row) -> {
            ListVector list = (ListVector) v;
            FieldVector values = list.getDataVector();
            int start = list.getElementStartIndex(row);
            int end = list.getElementEndIndex(row);
            out.startGroup();
            if (end > start) {
                out.startField(ParquetSchemas.LIST_GROUP, 0);
                for (int k = start; k < end; k++) {
                    out.startGroup();
                    if (!values.isNull(k)) {
                        out.startField(ParquetSchemas.LIST_ELEMENT, 0);
                        element.write(out, values, k);
                        out.endField(ParquetSchemas.LIST_ELEMENT, 0);
                    }
                    out.endGroup();
                }
                out.endField(ParquetSchemas.LIST_GROUP, 0);
            }
            out.endGroup();
        };
    }

    /** A struct as the group {@link ParquetSchemas#toParquet(Field)} declares: its non-null fields in order. */
    private static ParquetValueWriter struct(DataType type) {
        List<Field> fields = type.fields();
        ParquetValueWriter[] writers = new ParquetValueWriter[fields.size()];
        for (int f = 0; f < writers.length; f++) {
            writers[f] = of(fields.get(f));
        }
        return (out, v, row) -> {
            StructVector struct = (StructVector) v;
            out.startGroup();
            for (int f = 0; f < writers.length; f++) {
                FieldVector child = (FieldVector) struct.getChildByOrdinal(f);
                if (!child.isNull(row)) {
                    out.startField(fields.get(f).name(), f);
                    writers[f].write(out, child, row);
                    out.endField(fields.get(f).name(), f);
                }
            }
            out.endGroup();
        };
    }

    private static void writeString(RecordConsumer out, FieldVector v, int row) {
        ArrowBuf offsets = ((BaseVariableWidthVector) v).getOffsetBuffer();
        int start = offsets.getInt((long) row << 2);
        byte[] bytes = new byte[offsets.getInt((long) (row + 1) << 2) - start];
        v.getDataBuffer().getBytes(start, bytes);
        // A fresh array per value: dictionary encoding and statistics keep the Binary.
        out.addBinary(Binary.fromConstantByteArray(bytes));
    }

    private static ParquetValueWriter secondsAsMillis(String column) {
        return (out, v, row) -> {
            long seconds = v.getDataBuffer().getLong((long) row << 3);
            long millis = seconds * 1_000L;
            if (millis / 1_000L != seconds) {
                throw new PolaroidException(ErrorCode.INVALID_VALUE, "column '" + column + "': the timestamp of "
                        + seconds + " seconds does not fit in Parquet's 64-bit milliseconds");
            }
            out.addLong(millis);
        };
    }

    /** Arrow keeps decimals as 128-bit little-endian two's complement, whatever the precision. */
    private static ParquetValueWriter decimal(DataType type) {
        if (type.precision() <= ParquetSchemas.MAX_INT32_DECIMAL_PRECISION) {
            return (out, v, row) -> out.addInteger((int) v.getDataBuffer().getLong((long) row << 4));
        }
        if (type.isLongDecimal()) {
            return (out, v, row) -> out.addLong(v.getDataBuffer().getLong((long) row << 4));
        }
        return (out, v, row) -> {
            ArrowBuf data = v.getDataBuffer();
            long low = data.getLong((long) row << 4);
            long high = data.getLong(((long) row << 4) + 8);
            byte[] bigEndian = new byte[ParquetSchemas.DECIMAL_BYTES];
            for (int i = 0; i < 8; i++) {
                bigEndian[i] = (byte) (high >>> (56 - 8 * i));
                bigEndian[8 + i] = (byte) (low >>> (56 - 8 * i));
            }
            out.addBinary(Binary.fromConstantByteArray(bigEndian));
        };
    }
}
