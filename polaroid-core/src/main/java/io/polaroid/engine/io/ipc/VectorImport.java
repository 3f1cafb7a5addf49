package io.polaroid.engine.io.ipc;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Moves the columns of a record batch an Arrow reader loaded into the engine's allocator, in the
 * vector class the engine uses for their type. Most columns already are: their buffers change
 * owner without a copy. The others are what other writers commonly produce: dictionary-encoded
 * columns (decoded), large strings (offsets narrowed to 32 bits), unsigned integers (widened, see
 * {@link ArrowTypes#fromArrow(ArrowType)}), millisecond dates and timestamps with an empty zone
 * (the same bytes under the engine's type).
 */
final class VectorImport {
    /** How a vector of one Arrow type becomes the engine's vector of its Polaroid type. */
    enum Conversion { TRANSFER, RELABEL, WIDEN_UNSIGNED, NARROW_OFFSETS }

    private VectorImport() {
    }

    /** How values of {@code arrow} become {@code type}; null if they cannot. */
    static Conversion conversion(ArrowType arrow, DataType type) {
        if (arrow.equals(ArrowTypes.toArrow(type))) {
            return Conversion.TRANSFER;
        }
        if (arrow instanceof ArrowType.Int i && !i.getIsSigned() && i.getBitWidth() <= 32) {
            return Conversion.WIDEN_UNSIGNED;
        }
        if (arrow instanceof ArrowType.LargeUtf8 || arrow instanceof ArrowType.LargeBinary) {
            return Conversion.NARROW_OFFSETS;
        }
        if (arrow instanceof ArrowType.Date d && d.getUnit() == DateUnit.MILLISECOND
                || arrow instanceof ArrowType.Timestamp t && "".equals(t.getTimezone())) {
            return Conversion.RELABEL;
        }
        return null;
    }

    /**
     * Columns {@code indexes} of {@code root} as engine vectors of {@code types}, owned by
     * {@code to}. The root's vectors of those columns are left empty.
     */
    static List<FieldVector> columns(VectorSchemaRoot root, DictionaryProvider dictionaries, int[] indexes,
                                     List<DataType> types, BufferAllocator to) {
        List<FieldVector> out = new ArrayList<>(indexes.length);
        try {
            for (int c = 0; c < indexes.length; c++) {
                FieldVector v = root.getVector(indexes[c]);
                BufferCheck.check(v, root.getRowCount());
                DictionaryEncoding encoding = v.getField().getDictionary();
                if (encoding == null) {
                    out.add(toEngine(v, types.get(c), to));
                } else {
                    Dictionary dictionary = dictionaries.lookup(encoding.getId());
                    if (dictionary == null) {
                        throw new IllegalStateException("no dictionary " + encoding.getId() + " for column '"
                                + v.getName() + "'");
                    }
                    FieldVector values = dictionary.getVector();
                    BufferCheck.check(values, values.getValueCount());
                    BufferCheck.checkIndices(v, values.getValueCount());
                    try (FieldVector decoded = (FieldVector) DictionaryEncoder.decode(v, dictionary, to)) {
                        out.add(toEngine(decoded, types.get(c), to));
                    }
                }
            }
            return out;
        } catch (RuntimeException | Error e) {
            for (FieldVector v : out) {
                v.close();
            }
            throw e;
        }
    }

    /** {@code from}'s values in a new vector owned by {@code to}; {@code from} is left empty or unchanged. */
    private static FieldVector toEngine(FieldVector from, DataType type, BufferAllocator to) {
        Conversion conversion = conversion(from.getField().getType(), type);
        if (conversion == null) { // the file changed since the query was planned
            throw new IllegalStateException("column '" + from.getName() + "' holds the Arrow type " + from.getField().getType()
                    + ", not the " + type + " it had when the query was planned");
        }
        return switch (conversion) {
            case TRANSFER -> transfer(from, to);
            case RELABEL -> relabel(from, type, to);
            case WIDEN_UNSIGNED -> widenUnsigned(from, type, to);
            case NARROW_OFFSETS -> narrowOffsets((BaseLargeVariableWidthVector) from, type, to);
        };
    }

    private static FieldVector transfer(FieldVector from, BufferAllocator to) {
        TransferPair pair = from.getTransferPair(to);
        pair.transfer();
        return (FieldVector) pair.getTo();
    }

    /** The same buffers, shared, under the engine's vector class for {@code type}. */
    private static FieldVector relabel(FieldVector from, DataType type, BufferAllocator to) {
        return filled(ArrowTypes.newVector(from.getName(), type, to), out -> out.loadFieldBuffers(
                new ArrowFieldNode(from.getValueCount(), from.getNullCount()),
                List.of(from.getValidityBuffer(), from.getDataBuffer())));
    }

    private static FieldVector widenUnsigned(FieldVector from, DataType type, BufferAllocator to) {
        int rows = from.getValueCount();
        int width = ((ArrowType.Int) from.getField().getType()).getBitWidth();
        return filled(Vectors.allocate(type, from.getName(), rows, to), out -> {
            ArrowBuf src = from.getDataBuffer();
            ArrowBuf dst = out.getDataBuffer();
            for (int i = 0; i < rows; i++) {
                switch (width) {
                    case 8 -> dst.setShort((long) i << 1, src.getByte(i) & 0xFF);
                    case 16 -> dst.setInt((long) i << 2, src.getShort((long) i << 1) & 0xFFFF);
                    default -> dst.setLong((long) i << 3, src.getInt((long) i << 2) & 0xFFFF_FFFFL);
                }
            }
            copyValidity(from, out, rows);
            out.setValueCount(rows);
        });
    }

    /** Large strings as strings: the bytes copied once, offsets rebased to 32 bits. */
    private static FieldVector narrowOffsets(BaseLargeVariableWidthVector from, DataType type, BufferAllocator to) {
        int rows = from.getValueCount();
        if (rows == 0) {
            return Vectors.allocate(type, from.getName(), 0, to);
        }
        ArrowBuf offsets = from.getOffsetBuffer();
        long first = offsets.getLong(0);
        long bytes = offsets.getLong((long) rows << 3) - first;
        if (bytes > Integer.MAX_VALUE) {
            throw PolaroidException.notSupported("column '" + from.getName() + "' holds " + bytes
                    + " bytes of strings in one record batch; at most 2 GiB are supported");
        }
        return filled((BaseVariableWidthVector) ArrowTypes.newVector(from.getName(), type, to), out -> {
            out.allocateNew(Math.max(bytes, 1), rows);
            if (bytes > 0) {
                out.getDataBuffer().setBytes(0, from.getDataBuffer(), first, bytes);
            }
            ArrowBuf narrow = out.getOffsetBuffer();
            for (int i = 0; i <= rows; i++) {
                narrow.setInt((long) i << 2, (int) (offsets.getLong((long) i << 3) - first));
            }
            copyValidity(from, out, rows);
            out.setLastSet(rows - 1);
            out.setValueCount(rows);
        });
    }

    /** {@code out} after {@code fill}; closed if filling fails. */
    private static <V extends FieldVector> V filled(V out, Consumer<V> fill) {
        try {
            fill.accept(out);
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }

    private static void copyValidity(FieldVector from, FieldVector to, int rows) {
        if (from.getNullCount() == 0) {
            Vectors.setAllValid(to.getValidityBuffer(), rows);
        } else {
            to.getValidityBuffer().setBytes(0, from.getValidityBuffer(), 0, (rows + 7) / 8);
        }
    }
}
