package io.polaroid.engine.io.csv;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.Casts;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Scalars;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Int128;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Parses one column's fields into an Arrow vector, writing its buffers directly: strings are
 * copied as the bytes they are, numbers are parsed from bytes. Every row is written exactly once
 * in order, as a value or a null, except that a row the reader rejects part way is written again
 * by the next row; so no state may leak from one write of a row to the next.
 */
final class CsvColumnBuilder {
    private final DataType type;
    private final CsvValueParser parser;
    private FieldVector vector;
    private ArrowBuf validity;
    private ArrowBuf data;
    private ArrowBuf offsets;

    CsvColumnBuilder(DataType type, CsvValueParser parser) {
        checkReadable(type);
        this.type = type;
        this.parser = parser;
    }

    /** Fails for the types CSV text has no form for. */
    static void checkReadable(DataType type) {
        if (type.kind() == TypeKind.NULL || type.kind() == TypeKind.INTERVAL) {
            throw PolaroidException.notSupported("reading a CSV column as " + type);
        }
    }

    DataType type() {
        return type;
    }

    /** Starts filling {@code v}, fresh from {@link io.polaroid.engine.vector.Vectors#allocate}. */
    void start(FieldVector v) {
        vector = v;
        validity = v.getValidityBuffer();
        data = v.getDataBuffer();
        if (v instanceof BaseVariableWidthVector w) {
            offsets = w.getOffsetBuffer();
            offsets.setInt(0, 0);
        }
    }

    /** Writes the value {@code bytes[start, end)} spells at {@code row}; false (and a null) if it is not one of this type. */
    boolean set(int row, byte[] bytes, int start, int end) {
        boolean parsed = switch (type.kind()) {
            case UTF8 -> setBytes(row, bytes, start, end);
            case BOOL -> setBool(row, bytes, start, end);
            case INT8, INT16, INT32, INT64 -> setInteger(row, bytes, start, end);
            case FLOAT32 -> parser.parseDouble(bytes, start, end)
                    && set32(row, Float.floatToRawIntBits((float) parser.doubleValue));
            case FLOAT64 -> parser.parseDouble(bytes, start, end) && set64(row, Double.doubleToRawLongBits(parser.doubleValue));
            case DATE32 -> parser.parseDate(bytes, start, end) && set32(row, parser.dateValue);
            case TIMESTAMP -> setTimestamp(row, bytes, start, end);
            case DECIMAL -> setDecimal(row, bytes, start, end);
            case NULL, INTERVAL, LIST, DURATION, TIME, STRUCT, BINARY -> false;
        };
        if (parsed) {
            BitVectorHelper.setBit(validity, row);
        } else {
            setNull(row);
        }
        return parsed;
    }

    void setNull(int row) {
        BitVectorHelper.unsetBit(validity, row);
        if (offsets != null) {
            offsets.setInt((long) (row + 1) << 2, offsets.getInt((long) row << 2));
        }
    }

    /** Ends the vector after {@code rows} rows. */
    void finish(int rows) {
        if (vector instanceof BaseVariableWidthVector w) {
            w.setLastSet(rows - 1);
        }
        vector.setValueCount(rows);
    }

    private boolean setBytes(int row, byte[] bytes, int start, int end) {
        BaseVariableWidthVector v = (BaseVariableWidthVector) vector;
        int offset = offsets.getInt((long) row << 2);
        int length = end - start;
        long needed = (long) offset + length;
        if (needed > Integer.MAX_VALUE) {
            throw PolaroidException.notSupported("more than 2 GB of text in one batch of column '" + v.getName()
                    + "'; lower polaroid.batch.rows");
        }
        if (v.getDataBuffer().capacity() < needed) {
            v.reallocDataBuffer(Math.max(needed, v.getDataBuffer().capacity() * 2));
        }
        v.getDataBuffer().setBytes(offset, bytes, start, length);
        offsets.setInt((long) (row + 1) << 2, offset + length);
        return true;
    }

    private boolean setBool(int row, byte[] bytes, int start, int end) {
        if (!parser.parseBool(bytes, start, end)) {
            return false;
        }
        if (parser.boolValue) {
            BitVectorHelper.setBit(data, row);
        } else {
            BitVectorHelper.unsetBit(data, row);
        }
        return true;
    }

    private boolean setInteger(int row, byte[] bytes, int start, int end) {
        if (!parser.parseLong(bytes, start, end) || !Casts.fitsInteger(parser.longValue, type.kind())) {
            return false;
        }
        long v = parser.longValue;
        switch (type.kind()) {
            case INT8 -> data.setByte(row, (byte) v);
            case INT16 -> data.setShort((long) row << 1, (short) v);
            case INT32 -> data.setInt((long) row << 2, (int) v);
            default -> data.setLong((long) row << 3, v);
        }
        return true;
    }

    private boolean set32(int row, int bits) {
        data.setInt((long) row << 2, bits);
        return true;
    }

    private boolean set64(int row, long bits) {
        data.setLong((long) row << 3, bits);
        return true;
    }

    private boolean setTimestamp(int row, byte[] bytes, int start, int end) {
        String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
        try {
            return set64(row, Scalars.parseTimestamp(text, type.unit(), type.timeZone()));
        } catch (PolaroidException e) {
            return false;
        }
    }

    /** Rounds half up to the scale; a value that then needs more digits than the precision is an error. */
    private boolean setDecimal(int row, byte[] bytes, int start, int end) {
        long low;
        long high;
        if (parser.parsePlainDecimal(bytes, start, end, type.scale())) {
            low = parser.longValue;
            high = low >> 63;
            if (type.isLongDecimal() && Math.abs(low) >= Int128.powerOfTen(type.precision())) {
                return false;
            }
        } else {
            BigDecimal value;
            try {
                value = new BigDecimal(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1));
            } catch (NumberFormatException e) {
                return false;
            }
            BigDecimal scaled = Casts.toDecimal(value, type);
            if (scaled == null) {
                return false;
            }
            BigInteger unscaled = scaled.unscaledValue();
            low = unscaled.longValue();
            high = unscaled.shiftRight(64).longValue();
        }
        data.setLong((long) row << 4, low);
        data.setLong(((long) row << 4) + 8, high);
        return true;
    }
}
