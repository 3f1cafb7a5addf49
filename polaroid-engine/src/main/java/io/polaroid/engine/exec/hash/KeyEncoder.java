package io.polaroid.engine.exec.hash;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Encodes the key columns of a batch for a {@link KeyTable}. A single integer-like key (or a
 * float, by normalized bits) is kept as one long per row; any other combination is serialized
 * per row as a null bitmap followed by each non-null value (fixed-width values at their width,
 * strings as a 4-byte length and the bytes), so that equal keys have equal bytes.
 */
public final class KeyEncoder {
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final List<DataType> types;
    private final boolean singleLong;
    private final int nullBytes;
    private long[] scratch = new long[0];
    private int[] cursor = new int[0];

    public KeyEncoder(List<DataType> types) {
        this.types = List.copyOf(types);
        this.singleLong = types.size() == 1 && Lanes.isLongLane(types.get(0));
        this.nullBytes = (types.size() + 7) >>> 3;
    }

    public List<DataType> types() {
        return types;
    }

    /** Whether keys are single longs ({@link LongKeyTable}) rather than serialized rows ({@link RowKeyTable}). */
    public boolean isSingleLong() {
        return singleLong;
    }

    public KeyTable newTable(io.polaroid.engine.memory.HeapMemory memory) {
        return singleLong ? new LongKeyTable(types.get(0), memory) : new RowKeyTable(types, memory);
    }

    public void encode(List<FieldVector> keys, int n, EncodedKeys out) {
        out.ensure(n);
        out.count = n;
        out.nullRows = null;
        for (int c = 0; c < keys.size(); c++) {
            long[] valid = Lanes.validity(keys.get(c), n);
            if (valid != null) {
                if (out.nullRows == null) {
                    out.nullRows = new long[valid.length];
                }
                for (int w = 0; w < valid.length; w++) {
                    out.nullRows[w] |= ~valid[w];
                }
            }
        }
        if (singleLong) {
            Lanes.readLongs(keys.get(0), types.get(0), out.values, n);
            for (int i = 0; i < n; i++) {
                out.hashes[i] = out.hasNull(i) ? Hashing.NULL_HASH : Hashing.mix(out.values[i]);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            out.hashes[i] = 0;
        }
        for (int c = 0; c < keys.size(); c++) {
            hashColumn(keys.get(c), types.get(c), n, out.hashes);
        }
        serialize(keys, n, out);
    }

    private void hashColumn(FieldVector v, DataType t, int n, long[] hashes) {
        long[] valid = Lanes.validity(v, n);
        if (t.kind() == TypeKind.UTF8) {
            ArrowBuf offsets = ((BaseVariableWidthVector) v).getOffsetBuffer();
            ArrowBuf data = v.getDataBuffer();
            for (int i = 0; i < n; i++) {
                long h;
                if (!Lanes.isValid(valid, i)) {
                    h = Hashing.NULL_HASH;
                } else {
                    int start = offsets.getInt((long) i << 2);
                    h = hashBytes(data, start, offsets.getInt((long) (i + 1) << 2) - start);
                }
                hashes[i] = Hashing.combine(hashes[i], h);
            }
        } else if (t.kind() == TypeKind.DECIMAL) {
            ArrowBuf x = v.getDataBuffer();
            for (int i = 0; i < n; i++) {
                long h = Lanes.isValid(valid, i)
                        ? Hashing.mix(x.getLong((long) i << 4) ^ Hashing.mix(x.getLong(((long) i << 4) + 8)))
                        : Hashing.NULL_HASH;
                hashes[i] = Hashing.combine(hashes[i], h);
            }
        } else if (t.kind() == TypeKind.NULL) {
            for (int i = 0; i < n; i++) {
                hashes[i] = Hashing.combine(hashes[i], Hashing.NULL_HASH);
            }
        } else {
            long[] values = scratch(n);
            Lanes.readLongs(v, t, values, n);
            for (int i = 0; i < n; i++) {
                long h = Lanes.isValid(valid, i) ? Hashing.mix(values[i]) : Hashing.NULL_HASH;
                hashes[i] = Hashing.combine(hashes[i], h);
            }
        }
    }

    static long hashBytes(ArrowBuf data, long start, int len) {
        long h = len;
        int k = 0;
        for (; k + 8 <= len; k += 8) {
            h = Hashing.mix(h ^ data.getLong(start + k));
        }
        long tail = 0;
        for (int s = 0; k < len; k++, s += 8) {
            tail |= (data.getByte(start + k) & 0xFFL) << s;
        }
        return Hashing.mix(h ^ tail ^ 0x27d4eb2f165667c5L);
    }

    private long[] scratch(int n) {
        if (scratch.length < n) {
            scratch = new long[n];
        }
        return scratch;
    }

    private void serialize(List<FieldVector> keys, int n, EncodedKeys out) {
        if (cursor.length < n) {
            cursor = new int[n];
        }
        // Row lengths, then offsets.
        int[] offsets = out.offsets;
        for (int i = 0; i < n; i++) {
            cursor[i] = nullBytes;
        }
        for (int c = 0; c < keys.size(); c++) {
            FieldVector v = keys.get(c);
            DataType t = types.get(c);
            long[] valid = Lanes.validity(v, n);
            if (t.kind() == TypeKind.UTF8) {
                ArrowBuf off = ((BaseVariableWidthVector) v).getOffsetBuffer();
                for (int i = 0; i < n; i++) {
                    if (Lanes.isValid(valid, i)) {
                        cursor[i] += 4 + off.getInt((long) (i + 1) << 2) - off.getInt((long) i << 2);
                    }
                }
            } else {
                int width = width(t);
                for (int i = 0; i < n; i++) {
                    if (Lanes.isValid(valid, i)) {
                        cursor[i] += width;
                    }
                }
            }
        }
        offsets[0] = 0;
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = offsets[i] + cursor[i];
        }
        int total = offsets[n];
        if (out.data.length < total + 8) {
            out.data = new byte[Math.max(total + 8, out.data.length * 2)];
        }
        byte[] data = out.data;
        for (int i = 0; i < n; i++) {
            int o = offsets[i];
            for (int b = 0; b < nullBytes; b++) {
                data[o + b] = 0;
            }
            cursor[i] = o + nullBytes;
        }
        for (int c = 0; c < keys.size(); c++) {
            writeColumn(keys.get(c), types.get(c), c, n, data, offsets);
        }
    }

    private void writeColumn(FieldVector v, DataType t, int c, int n, byte[] data, int[] offsets) {
        long[] valid = Lanes.validity(v, n);
        int nullByte = c >>> 3;
        byte nullBit = (byte) (1 << (c & 7));
        ArrowBuf x = v.getDataBuffer();
        TypeKind kind = t.kind();
        if (kind == TypeKind.UTF8) {
            ArrowBuf off = ((BaseVariableWidthVector) v).getOffsetBuffer();
            for (int i = 0; i < n; i++) {
                if (!Lanes.isValid(valid, i)) {
                    data[offsets[i] + nullByte] |= nullBit;
                    continue;
                }
                int start = off.getInt((long) i << 2);
                int len = off.getInt((long) (i + 1) << 2) - start;
                INT.set(data, cursor[i], len);
                x.getBytes(start, data, cursor[i] + 4, len);
                cursor[i] += 4 + len;
            }
            return;
        }
        if (kind == TypeKind.DECIMAL) {
            for (int i = 0; i < n; i++) {
                if (!Lanes.isValid(valid, i)) {
                    data[offsets[i] + nullByte] |= nullBit;
                    continue;
                }
                LONG.set(data, cursor[i], x.getLong((long) i << 4));
                LONG.set(data, cursor[i] + 8, x.getLong(((long) i << 4) + 8));
                cursor[i] += 16;
            }
            return;
        }
        if (kind == TypeKind.NULL) {
            for (int i = 0; i < n; i++) {
                data[offsets[i] + nullByte] |= nullBit;
            }
            return;
        }
        long[] values = scratch(n);
        Lanes.readLongs(v, t, values, n);
        int width = width(t);
        for (int i = 0; i < n; i++) {
            if (!Lanes.isValid(valid, i)) {
                data[offsets[i] + nullByte] |= nullBit;
                continue;
            }
            int p = cursor[i];
            switch (width) {
                case 1 -> data[p] = (byte) values[i];
                case 2 -> {
                    data[p] = (byte) values[i];
                    data[p + 1] = (byte) (values[i] >>> 8);
                }
                case 4 -> INT.set(data, p, (int) values[i]);
                default -> LONG.set(data, p, values[i]);
            }
            cursor[i] += width;
        }
    }

    /** Serialized width of a fixed-width key type. */
    static int width(DataType t) {
        return switch (t.kind()) {
            case BOOL, INT8 -> 1;
            case INT16 -> 2;
            case INT32, DATE32 -> 4;
            case DECIMAL -> 16;
            case NULL -> 0;
            default -> 8;
        };
    }

    int nullBytes() {
        return nullBytes;
    }
}
