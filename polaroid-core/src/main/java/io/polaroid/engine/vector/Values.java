package io.polaroid.engine.vector;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Interval;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Reads and writes single values in the engine representation ({@link io.polaroid.engine.types.Scalars}).
 * For constants, row access and tests; operators use typed loops over the buffers instead.
 */
public final class Values {
    private Values() {
    }

    public static Object get(FieldVector v, int i, DataType type) {
        if (v instanceof NullVector || v.isNull(i)) {
            return null;
        }
        if (v instanceof ListVector list) {
            return list(list, i, type.element());
        }
        if (v instanceof StructVector struct) {
            return struct(struct, i, type);
        }
        ArrowBuf data = v.getDataBuffer();
        return switch (type.kind()) {
            case NULL -> null;
            case BOOL -> ((BitVector) v).get(i) != 0;
            case INT8 -> (long) data.getByte(i);
            case INT16 -> (long) data.getShort((long) i << 1);
            case INT32 -> (long) data.getInt((long) i << 2);
            case INT64 -> data.getLong((long) i << 3);
            case FLOAT32 -> (double) data.getFloat((long) i << 2);
            case FLOAT64 -> data.getDouble((long) i << 3);
            case DATE32 -> data.getInt((long) i << 2);
            case TIMESTAMP, DURATION, TIME -> data.getLong((long) i << 3);
            case UTF8 -> string(v, i);
            case BINARY -> io.polaroid.engine.types.Bytes.of(((BaseVariableWidthVector) v).get(i));
            case DECIMAL -> new BigDecimal(Int128.toBigInteger(data.getLong((long) i << 4), data.getLong(((long) i << 4) + 8)),
                    type.scale());
            case INTERVAL -> new Interval(data.getInt((long) i << 4), data.getInt(((long) i << 4) + 4),
                    data.getLong(((long) i << 4) + 8));
            case LIST -> throw PolaroidException.internal("a list column is not a ListVector");
            case STRUCT -> throw PolaroidException.internal("a struct column is not a StructVector");
        };
    }

    /** List {@code i} of {@code v} as a Java list of its values in the engine representation. */
    private static List<Object> list(ListVector v, int i, DataType element) {
        int start = v.getElementStartIndex(i);
        int end = v.getElementEndIndex(i);
        FieldVector values = v.getDataVector();
        List<Object> out = new ArrayList<>(end - start);
        for (int j = start; j < end; j++) {
            out.add(get(values, j, element));
        }
        return out;
    }

    /** Row {@code i} of a struct as a Java list of its field values, in field order. */
    private static List<Object> struct(StructVector v, int i, DataType type) {
        List<Object> out = new ArrayList<>(type.fields().size());
        for (int f = 0; f < type.fields().size(); f++) {
            out.add(get((FieldVector) v.getChildByOrdinal(f), i, type.fields().get(f).type()));
        }
        return out;
    }

    public static String string(FieldVector v, int i) {
        ArrowBuf offsets = ((BaseVariableWidthVector) v).getOffsetBuffer();
        int start = offsets.getInt((long) i << 2);
        int end = offsets.getInt((long) (i + 1) << 2);
        byte[] bytes = new byte[end - start];
        v.getDataBuffer().getBytes(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Sets value {@code i} (null allowed). Fixed-width vectors must have room; variable-width
     * ones grow. Does not set the value count.
     */
    public static void set(FieldVector v, int i, Object value, DataType type) {
        if (value == null) {
            if (!(v instanceof NullVector)) {
                if (v instanceof BaseVariableWidthVector w) {
                    w.setNull(i);
                } else if (v instanceof ListVector list) {
                    list.setNull(i);
                } else if (v instanceof StructVector struct) {
                    struct.setNull(i);
                } else {
                    BitVectorHelper.unsetBit(v.getValidityBuffer(), i);
                }
            }
            return;
        }
        if (v instanceof ListVector list) {
            setList(list, i, (List<?>) value, type.element());
            return;
        }
        if (v instanceof StructVector struct) {
            setStruct(struct, i, (List<?>) value, type);
            return;
        }
        if (v instanceof BaseVariableWidthVector w) {
            byte[] bytes = value instanceof io.polaroid.engine.types.Bytes b ? b.toArray()
                    : ((String) value).getBytes(StandardCharsets.UTF_8);
            w.setSafe(i, bytes, 0, bytes.length);
            return;
        }
        ArrowBuf data = v.getDataBuffer();
        switch (type.kind()) {
            case BOOL -> ((BitVector) v).set(i, ((Boolean) value) ? 1 : 0);
            case INT8 -> data.setByte(i, (byte) (long) (Long) value);
            case INT16 -> data.setShort((long) i << 1, (short) (long) (Long) value);
            case INT32 -> data.setInt((long) i << 2, (int) (long) (Long) value);
            case INT64, TIMESTAMP, DURATION, TIME -> data.setLong((long) i << 3, (Long) value);
            case FLOAT32 -> data.setFloat((long) i << 2, (float) (double) (Double) value);
            case FLOAT64 -> data.setDouble((long) i << 3, (Double) value);
            case DATE32 -> data.setInt((long) i << 2, (Integer) value);
            case DECIMAL -> {
                BigInteger unscaled = ((BigDecimal) value).setScale(type.scale()).unscaledValue();
                if (unscaled.bitLength() > 127) {
                    throw PolaroidException.internal("decimal value does not fit in 128 bits: " + value);
                }
                data.setLong((long) i << 4, unscaled.longValue());
                data.setLong(((long) i << 4) + 8, unscaled.shiftRight(64).longValue());
            }
            case INTERVAL -> {
                Interval iv = (Interval) value;
                data.setInt((long) i << 4, iv.months());
                data.setInt(((long) i << 4) + 4, iv.days());
                data.setLong(((long) i << 4) + 8, iv.nanos());
            }
            default -> throw PolaroidException.internal("cannot set a value of type " + type);
        }
        if (type.kind() != io.polaroid.engine.types.TypeKind.BOOL) {
            BitVectorHelper.setBit(v.getValidityBuffer(), i);
        }
    }

    /** Sets the fields of struct {@code i} from a list of values in field order; children grow as needed. */
    private static void setStruct(StructVector v, int i, List<?> values, DataType type) {
        if (values.size() != type.fields().size()) {
            throw PolaroidException.internal("a struct value of " + values.size() + " fields for " + type.fields());
        }
        for (int f = 0; f < values.size(); f++) {
            FieldVector child = (FieldVector) v.getChildByOrdinal(f);
            while (child.getValueCapacity() <= i) {
                child.reAlloc();
            }
            set(child, i, values.get(f), type.fields().get(f).type());
        }
        v.setIndexDefined(i);
    }

    /** Appends the values of list {@code i}; lists must be set in row order, as Arrow's offsets require. */
    private static void setList(ListVector v, int i, List<?> values, DataType element) {
        int start = v.startNewValue(i);
        FieldVector data = v.getDataVector();
        for (int k = 0; k < values.size(); k++) {
            int at = start + k;
            while (data.getValueCapacity() <= at) {
                data.reAlloc();
            }
            set(data, at, values.get(k), element);
        }
        data.setValueCount(start + values.size());
        v.endValue(i, values.size());
    }
}
