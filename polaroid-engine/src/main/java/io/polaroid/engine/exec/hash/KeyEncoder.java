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
 * float, by normalized bits) is kept as one long per row, and two such keys as two longs per row
 * ({@link TwoLongKeyTable}); any other combination is serialized
 * per row as a null bitmap followed by each non-null value (fixed-width values at their width,
 * strings as a varint length and the bytes), so that equal keys have equal bytes; the row's hash
 * is computed from those bytes. An encoder
 * keeps scratch space between calls: one per thread.
 */
public final class KeyEncoder {
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final List<DataType> types;
    private final boolean singleLong;
    private final boolean twoLongs;
    private final int nullBytes;
    private long[] scratch = new long[0];
    private int[] cursor = new int[0];

    public KeyEncoder(List<DataType> types) {
        this.types = List.copyOf(types);
        this.singleLong = types.size() == 1 && Lanes.isLongLane(types.get(0));
        this.twoLongs = types.size() == 2 && Lanes.isLongLane(types.get(0)) && Lanes.isLongLane(types.get(1));
        this.nullBytes = (types.size() + 7) >>> 3;
    }

    public List<DataType> types() {
        return types;
    }

    public KeyTable newTable(io.polaroid.engine.memory.HeapMemory memory) {
        if (singleLong) {
            return new LongKeyTable(types.get(0), memory);
        }
        return twoLongs ? new TwoLongKeyTable(types, memory) : new RowKeyTable(types, memory);
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
        if (twoLongs) {
            encodeTwoLongs(keys, n, out);
            return;
        }
        if (packDirectly(keys, n, out)) {
            return;
        }
        out.packed = false;
        serialize(keys, n, out);
        byte[] data = out.data;
        int[] offsets = out.offsets;
        for (int i = 0; i < n; i++) {
            int start = offsets[i];
            int len = offsets[i + 1] - start;
            out.hashes[i] = len <= MAX_PACKED ? Hashing.mix(pack(data, start, len)) : hashBytes(data, start, len);
        }
    }

    /**
     * Both keys as longs, a null key as 0 with its bit set in the row's null mask (bit 0: first
     * key, bit 1: second), so that equal keys, nulls included, encode equal.
     */
    private void encodeTwoLongs(List<FieldVector> keys, int n, EncodedKeys out) {
        out.ensureSecond(n);
        long[] first = out.values;
        long[] second = out.second;
        Lanes.readLongs(keys.get(0), types.get(0), first, n);
        Lanes.readLongs(keys.get(1), types.get(1), second, n);
        long[] hashes = out.hashes;
        if (out.nullRows == null) {
            for (int i = 0; i < n; i++) {
                hashes[i] = TwoLongKeyTable.hash(first[i], second[i], 0);
            }
            return;
        }
        byte[] masks = out.nullMasks;
        long[] firstValid = Lanes.validity(keys.get(0), n);
        long[] secondValid = Lanes.validity(keys.get(1), n);
        for (int i = 0; i < n; i++) {
            int mask = 0;
            if (!Lanes.isValid(firstValid, i)) {
                first[i] = 0;
                mask = 1;
            }
            if (!Lanes.isValid(secondValid, i)) {
                second[i] = 0;
                mask |= 2;
            }
            masks[i] = (byte) mask;
            hashes[i] = TwoLongKeyTable.hash(first[i], second[i], mask);
        }
    }

    /**
     * Builds each row's packed form ({@link #pack} of its serialized bytes) column by column,
     * without serializing. Gives up (returns false) when a row would be longer than 7 bytes.
     */
    private boolean packDirectly(List<FieldVector> keys, int n, EncodedKeys out) {
        // fixedAfter[c]: bytes that the fixed-width columns after column c will still take.
        int[] fixedAfter = new int[types.size() + 1];
        for (int c = types.size() - 1; c >= 0; c--) {
            DataType t = types.get(c);
            fixedAfter[c] = fixedAfter[c + 1] + (t.kind().isVarBytes() ? 0 : width(t));
        }
        if (nullBytes + fixedAfter[0] > MAX_PACKED || nullBytes != 1) {
            return false;
        }
        long[] packed = out.values;
        int[] lengths = cursor.length >= n ? cursor : (cursor = new int[n]);
        for (int i = 0; i < n; i++) {
            packed[i] = 0;
            lengths[i] = 1;
        }
        for (int c = 0; c < keys.size(); c++) {
            FieldVector v = keys.get(c);
            DataType t = types.get(c);
            long[] valid = Lanes.validity(v, n);
            long nullBit = 1L << c;
            if (t.kind().isVarBytes()) {
                if (!packStrings((BaseVariableWidthVector) v, valid, nullBit, n, MAX_PACKED - fixedAfter[c + 1], packed,
                        lengths)) {
                    return false;
                }
            } else if (t.kind() == TypeKind.NULL || t.kind() == TypeKind.DECIMAL) {
                return false;
            } else {
                long[] values = scratch(n);
                Lanes.readLongs(v, t, values, n);
                int w = width(t);
                long mask = w == 8 ? -1L : (1L << (8 * w)) - 1;
                for (int i = 0; i < n; i++) {
                    if (!Lanes.isValid(valid, i)) {
                        packed[i] |= nullBit;
                        continue;
                    }
                    int at = lengths[i];
                    packed[i] |= (values[i] & mask) << (8 * at);
                    lengths[i] = at + w;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            long p = packed[i] | ((long) lengths[i] << 56);
            packed[i] = p;
            out.hashes[i] = Hashing.mix(p);
        }
        out.packed = true;
        return true;
    }

    /**
     * Adds each row's string of {@code v} (its length byte, then its bytes) to its packed form at
     * byte {@code lengths[i]}; false when a row would pass {@code limit} bytes. A string's bytes
     * are read as one long where the buffer has 8 bytes from its start.
     */
    private static boolean packStrings(BaseVariableWidthVector v, long[] valid, long nullBit, int n, int limit,
                                       long[] packed, int[] lengths) {
        ArrowBuf off = v.getOffsetBuffer();
        ArrowBuf x = v.getDataBuffer();
        long wholeLongsBelow = x.capacity() - Long.BYTES;
        int end = off.getInt(0);
        for (int i = 0; i < n; i++) {
            int start = end;
            end = off.getInt((long) (i + 1) << 2);
            if (valid != null && !Lanes.isValid(valid, i)) {
                packed[i] |= nullBit;
                continue;
            }
            int len = end - start;
            int at = lengths[i];
            if (at + 1 + len > limit) {
                return false;
            }
            long bytes;
            if (start <= wholeLongsBelow) {
                bytes = len == 0 ? 0 : x.getLong(start) & (-1L >>> (64 - 8 * len));
            } else {
                bytes = 0;
                for (int k = len - 1; k >= 0; k--) {
                    bytes = bytes << 8 | (x.getByte(start + k) & 0xFFL);
                }
            }
            packed[i] |= (long) len << (8 * at) | bytes << (8 * (at + 1));
            lengths[i] = at + 1 + len;
        }
        return true;
    }

    /** The serialized bytes of a packed row, into {@code out}; returns the length. */
    static int unpack(long packed, byte[] out) {
        int len = (int) (packed >>> 56);
        for (int k = 0; k < len; k++) {
            out[k] = (byte) (packed >>> (8 * k));
        }
        return len;
    }

    /** Rows of at most this many bytes are keyed by one long ({@link #pack}). */
    static final int MAX_PACKED = 7;

    /** A row of at most 7 bytes as one long: the bytes, then the length in the top byte. */
    static long pack(byte[] data, int start, int len) {
        long v = (long) len << 56;
        for (int k = 0; k < len; k++) {
            v |= (data[start + k] & 0xFFL) << (8 * k);
        }
        return v;
    }

    static long hashBytes(byte[] data, int start, int len) {
        long h = len;
        int k = 0;
        for (; k + 8 <= len; k += 8) {
            h = Hashing.mix(h ^ (long) LONG.get(data, start + k));
        }
        long tail = 0;
        for (int s = 0; k < len; k++, s += 8) {
            tail |= (data[start + k] & 0xFFL) << s;
        }
        return Hashing.mix(h ^ tail ^ 0x27d4eb2f165667c5L);
    }

    static int varIntSize(int v) {
        return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
    }

    static int writeVarInt(byte[] data, int pos, int v) {
        while ((v & ~0x7F) != 0) {
            data[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        data[pos++] = (byte) v;
        return pos;
    }

    /** Reads a varint at {@code pos[0]}, advancing it. */
    static int readVarInt(byte[] data, int[] pos, int index) {
        int p = pos[index];
        int value = 0;
        int shift = 0;
        while (true) {
            int b = data[p++];
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                pos[index] = p;
                return value;
            }
            shift += 7;
        }
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
            if (t.kind().isVarBytes()) {
                ArrowBuf off = ((BaseVariableWidthVector) v).getOffsetBuffer();
                for (int i = 0; i < n; i++) {
                    if (Lanes.isValid(valid, i)) {
                        int len = off.getInt((long) (i + 1) << 2) - off.getInt((long) i << 2);
                        cursor[i] += varIntSize(len) + len;
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
        if (kind.isVarBytes()) {
            ArrowBuf off = ((BaseVariableWidthVector) v).getOffsetBuffer();
            for (int i = 0; i < n; i++) {
                if (!Lanes.isValid(valid, i)) {
                    data[offsets[i] + nullByte] |= nullBit;
                    continue;
                }
                int start = off.getInt((long) i << 2);
                int len = off.getInt((long) (i + 1) << 2) - start;
                int at = writeVarInt(data, cursor[i], len);
                x.getBytes(start, data, at, len);
                cursor[i] = at + len;
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
