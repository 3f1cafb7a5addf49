package io.polaroid.engine.exec.hash;

import io.polaroid.engine.memory.HeapMemory;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * A {@link KeyTable} for any key columns, by their serialized rows ({@link KeyEncoder}). Keys are
 * stored back to back in one byte arena. Rows of up to 7 bytes (short codes, small numbers) are
 * also packed into a long and found through slots holding (packed row, id) side by side, as
 * integer keys are; longer rows through slots holding (hash, id), then a byte comparison. Equal
 * keys serialize to equal bytes, so each key has exactly one of the two homes.
 */
final class RowKeyTable implements KeyTable {
    private static final int INITIAL_CAPACITY = 1024;

    private final List<DataType> types;
    private final int nullBytes;
    private final HeapMemory memory;
    private int[] slotIds;
    private long[] slotHashes;
    private int mask;
    private long[] hashes = new long[INITIAL_CAPACITY / 2];
    private int[] starts = new int[INITIAL_CAPACITY / 2];
    private int[] lengths = new int[INITIAL_CAPACITY / 2];
    private byte[] arena = new byte[16 * INITIAL_CAPACITY];
    private int arenaUsed;
    private int size;
    /** Packed short rows: packed value at 2s, id + 1 at 2s + 1. */
    private long[] packedSlots = new long[2 * 256];
    private int packedMask = 255;
    private int packedCount;
    private KeyFilter filter;

    RowKeyTable(List<DataType> types, HeapMemory memory) {
        this.types = List.copyOf(types);
        this.nullBytes = (types.size() + 7) >>> 3;
        this.memory = memory;
        memory.grow((long) INITIAL_CAPACITY * 12 + (long) hashes.length * 16 + arena.length);
        this.slotIds = new int[INITIAL_CAPACITY];
        this.slotHashes = new long[INITIAL_CAPACITY];
        this.mask = INITIAL_CAPACITY - 1;
    }

    @Override
    public void findOrInsert(EncodedKeys k, int[] ids) {
        int previous = -1;
        long previousPacked = 0;
        if (k.packed) {
            byte[] bytes = new byte[8];
            for (int i = 0; i < k.count; i++) {
                long packed = k.values[i];
                if (previous < 0 || packed != previousPacked) {
                    previous = findOrInsertPacked(packed, k.hashes[i], bytes, -1, 0);
                    previousPacked = packed;
                }
                ids[i] = previous;
            }
            return;
        }
        for (int i = 0; i < k.count; i++) {
            int start = k.offsets[i];
            int len = k.offsets[i + 1] - start;
            if (len <= KeyEncoder.MAX_PACKED) {
                long packed = KeyEncoder.pack(k.data, start, len);
                // Rows clustered by key repeat the previous row's key: one comparison instead of a probe.
                if (previous < 0 || packed != previousPacked) {
                    previous = findOrInsertPacked(packed, k.hashes[i], k.data, start, len);
                    previousPacked = packed;
                }
            } else if (previous < 0 || k.hashes[i] != k.hashes[i - 1] || !matches(previous, k.data, start, len)) {
                previous = findOrInsert(k.hashes[i], k.data, start, len);
                previousPacked = -1;
            }
            ids[i] = previous;
        }
    }

    private int findOrInsertPacked(long packed, long hash, byte[] data, int start, int len) {
        int slot = (int) hash & packedMask;
        while (true) {
            long id = packedSlots[2 * slot + 1];
            if (id == 0) {
                if (start < 0) {
                    // the row came packed: its bytes are in the long
                    len = KeyEncoder.unpack(packed, data);
                    start = 0;
                }
                int added = add(hash, data, start, len);
                packedSlots[2 * slot] = packed;
                packedSlots[2 * slot + 1] = added + 1;
                if (++packedCount * 2 > packedMask + 1) {
                    rehashPacked();
                }
                return added;
            }
            if (packedSlots[2 * slot] == packed) {
                return (int) id - 1;
            }
            slot = (slot + 1) & packedMask;
        }
    }

    private int findPacked(long packed, long hash) {
        return LongSlots.find(packedSlots, packedMask, packed, hash);
    }

    private void rehashPacked() {
        int capacity = (packedMask + 1) * 2;
        memory.grow((long) (packedMask + 1) * 16);
        long[] fresh = new long[capacity * 2];
        int newMask = capacity - 1;
        for (int s = 0; s <= packedMask; s++) {
            long id = packedSlots[2 * s + 1];
            if (id != 0) {
                LongSlots.place(fresh, newMask, packedSlots[2 * s], id, hashes[(int) id - 1]);
            }
        }
        packedSlots = fresh;
        packedMask = newMask;
    }

    private int findOrInsert(long hash, byte[] data, int start, int len) {
        int slot = (int) hash & mask;
        while (true) {
            int id = slotIds[slot];
            if (id == 0) {
                int added = add(hash, data, start, len);
                slotIds[slot] = added + 1;
                slotHashes[slot] = hash;
                if (size * 2 > slotIds.length) {
                    rehash();
                }
                return added;
            }
            if (slotHashes[slot] == hash && matches(id - 1, data, start, len)) {
                return id - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    @Override
    public void find(EncodedKeys k, int[] ids) {
        KeyFilter f = filter != null && filter.useful() ? filter : null;
        int passed = 0;
        for (int i = 0; i < k.count; i++) {
            if (k.hasNull(i) || f != null && !f.mightContain(k.hashes[i])) {
                ids[i] = -1;
                continue;
            }
            passed++;
            long hash = k.hashes[i];
            if (k.packed) {
                ids[i] = findPacked(k.values[i], hash);
                continue;
            }
            int start = k.offsets[i];
            int len = k.offsets[i + 1] - start;
            if (len <= KeyEncoder.MAX_PACKED) {
                ids[i] = findPacked(KeyEncoder.pack(k.data, start, len), hash);
                continue;
            }
            int slot = (int) hash & mask;
            int found = -1;
            while (true) {
                int id = slotIds[slot];
                if (id == 0) {
                    break;
                }
                if (slotHashes[slot] == hash && matches(id - 1, k.data, start, len)) {
                    found = id - 1;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            ids[i] = found;
        }
        if (f != null) {
            f.record(k.count, passed);
        }
    }

    @Override
    public void prepareForFind() {
        filter = KeyFilter.of(this, memory);
    }

    private boolean matches(int id, byte[] data, int start, int len) {
        int s = starts[id];
        return lengths[id] == len && Arrays.equals(arena, s, s + len, data, start, start + len);
    }

    @Override
    public int findOrInsertFrom(KeyTable other, int otherId) {
        RowKeyTable o = (RowKeyTable) other;
        int start = o.starts[otherId];
        int len = o.lengths[otherId];
        if (len <= KeyEncoder.MAX_PACKED) {
            return findOrInsertPacked(KeyEncoder.pack(o.arena, start, len), o.hashes[otherId], o.arena, start, len);
        }
        return findOrInsert(o.hashes[otherId], o.arena, start, len);
    }

    private int add(long hash, byte[] data, int start, int len) {
        filter = null;
        if (size == hashes.length) {
            int capacity = hashes.length * 2;
            memory.grow((long) hashes.length * 16);
            hashes = Arrays.copyOf(hashes, capacity);
            starts = Arrays.copyOf(starts, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
        }
        if (arenaUsed + len > arena.length) {
            int capacity = Math.max(arena.length * 2, arenaUsed + len);
            memory.grow(capacity - arena.length);
            arena = Arrays.copyOf(arena, capacity);
        }
        System.arraycopy(data, start, arena, arenaUsed, len);
        hashes[size] = hash;
        starts[size] = arenaUsed;
        lengths[size] = len;
        arenaUsed += len;
        return size++;
    }

    @Override
    public void reserve(int expected) {
        while ((long) expected * 2 > slotIds.length) {
            rehash();
        }
        while ((long) expected * 2 > packedMask + 1 && packedMask < (1 << 20)) {
            rehashPacked();
        }
        if (hashes.length < expected) {
            memory.grow((long) (expected - hashes.length) * 16);
            hashes = Arrays.copyOf(hashes, expected);
            starts = Arrays.copyOf(starts, expected);
            lengths = Arrays.copyOf(lengths, expected);
        }
    }

    private void rehash() {
        int capacity = slotIds.length * 2;
        memory.grow((long) slotIds.length * 12);
        int[] newIds = new int[capacity];
        long[] newHashes = new long[capacity];
        int newMask = capacity - 1;
        for (int s = 0; s < slotIds.length; s++) {
            int id = slotIds[s];
            if (id != 0) {
                long h = slotHashes[s];
                int slot = (int) h & newMask;
                while (newIds[slot] != 0) {
                    slot = (slot + 1) & newMask;
                }
                newIds[slot] = id;
                newHashes[slot] = h;
            }
        }
        slotIds = newIds;
        slotHashes = newHashes;
        mask = newMask;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long hashOf(int id) {
        return hashes[id];
    }

    @Override
    public List<FieldVector> toVectors(int[] ids, int count, List<String> names, BufferAllocator allocator) {
        int[] cursor = new int[count];
        for (int j = 0; j < count; j++) {
            cursor[j] = starts[ids[j]] + nullBytes;
        }
        List<FieldVector> out = new ArrayList<>(types.size());
        try {
            for (int c = 0; c < types.size(); c++) {
                out.add(decodeColumn(c, ids, count, cursor, names.get(c), allocator));
            }
            return out;
        } catch (RuntimeException | Error e) {
            out.forEach(FieldVector::close);
            throw e;
        }
    }

    private FieldVector decodeColumn(int c, int[] ids, int count, int[] cursor, String name, BufferAllocator allocator) {
        DataType t = types.get(c);
        FieldVector v = Vectors.allocate(t, name, count, allocator);
        try {
            int nullByte = c >>> 3;
            int nullBit = 1 << (c & 7);
            ArrowBuf valid = v.getValidityBuffer();
            ArrowBuf data = v.getDataBuffer();
            if (t.kind().isVarBytes()) {
                long total = 0;
                int[] pos = cursor.clone();
                for (int j = 0; j < count; j++) {
                    if ((arena[starts[ids[j]] + nullByte] & nullBit) == 0) {
                        total += KeyEncoder.readVarInt(arena, pos, j);
                    }
                }
                BaseVariableWidthVector w = (BaseVariableWidthVector) v;
                while (w.getDataBuffer().capacity() < total) {
                    w.reallocDataBuffer();
                }
                data = w.getDataBuffer();
                ArrowBuf offsets = w.getOffsetBuffer();
                int at = 0;
                for (int j = 0; j < count; j++) {
                    if ((arena[starts[ids[j]] + nullByte] & nullBit) == 0) {
                        int len = KeyEncoder.readVarInt(arena, cursor, j);
                        data.setBytes(at, arena, cursor[j], len);
                        at += len;
                        cursor[j] += len;
                        BitVectorHelper.setBit(valid, j);
                    }
                    offsets.setInt((long) (j + 1) << 2, at);
                }
                w.setLastSet(count - 1);
                v.setValueCount(count);
                return v;
            }
            int width = KeyEncoder.width(t);
            for (int j = 0; j < count; j++) {
                if ((arena[starts[ids[j]] + nullByte] & nullBit) != 0) {
                    continue;
                }
                int p = cursor[j];
                BitVectorHelper.setBit(valid, j);
                switch (t.kind()) {
                    case BOOL -> {
                        if (arena[p] != 0) {
                            BitVectorHelper.setBit(data, j);
                        }
                    }
                    case INT8 -> data.setByte(j, arena[p]);
                    case INT16 -> data.setShort((long) j << 1, (short) ((arena[p] & 0xFF) | (arena[p + 1] << 8)));
                    case INT32, DATE32 -> data.setInt((long) j << 2, (int) KeyEncoder.INT.get(arena, p));
                    case FLOAT32 -> data.setFloat((long) j << 2, (float) Double.longBitsToDouble((long) KeyEncoder.LONG.get(arena, p)));
                    case FLOAT64 -> data.setDouble((long) j << 3, Double.longBitsToDouble((long) KeyEncoder.LONG.get(arena, p)));
                    case DECIMAL -> {
                        data.setLong((long) j << 4, (long) KeyEncoder.LONG.get(arena, p));
                        data.setLong(((long) j << 4) + 8, (long) KeyEncoder.LONG.get(arena, p + 8));
                    }
                    default -> data.setLong((long) j << 3, (long) KeyEncoder.LONG.get(arena, p));
                }
                cursor[j] += width;
            }
            v.setValueCount(count);
            return v;
        } catch (RuntimeException | Error e) {
            v.close();
            throw e;
        }
    }

    @Override
    public void close() {
        slotIds = null;
        slotHashes = null;
        packedSlots = null;
        arena = null;
        filter = null;
    }
}
