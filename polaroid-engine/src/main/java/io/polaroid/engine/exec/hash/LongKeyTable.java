package io.polaroid.engine.exec.hash;

import io.polaroid.engine.memory.HeapMemory;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Vectors;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/** A {@link KeyTable} for one integer-like key: open addressing with the keys inline in the slots. */
final class LongKeyTable implements KeyTable {
    private static final int INITIAL_CAPACITY = 1024;

    private final DataType type;
    private final HeapMemory memory;
    private long[] slotKeys;
    private int[] slotIds;
    private int mask;
    private long[] keys = new long[INITIAL_CAPACITY / 2];
    private int size;
    private int nullId = -1;

    LongKeyTable(DataType type, HeapMemory memory) {
        this.type = type;
        this.memory = memory;
        memory.grow((long) INITIAL_CAPACITY * 12 + keys.length * 8L);
        this.slotKeys = new long[INITIAL_CAPACITY];
        this.slotIds = new int[INITIAL_CAPACITY];
        this.mask = INITIAL_CAPACITY - 1;
    }

    @Override
    public void findOrInsert(EncodedKeys k, int[] ids) {
        long[] values = k.values;
        long[] hashes = k.hashes;
        for (int i = 0; i < k.count; i++) {
            if (k.hasNull(i)) {
                if (nullId < 0) {
                    nullId = add(0L);
                }
                ids[i] = nullId;
                continue;
            }
            long v = values[i];
            int slot = (int) hashes[i] & mask;
            while (true) {
                int id = slotIds[slot];
                if (id == 0) {
                    int added = add(v);
                    slotKeys[slot] = v;
                    slotIds[slot] = added + 1;
                    ids[i] = added;
                    if (size * 2 > slotIds.length) {
                        rehash();
                    }
                    break;
                }
                if (slotKeys[slot] == v) {
                    ids[i] = id - 1;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
    }

    @Override
    public void find(EncodedKeys k, int[] ids) {
        long[] values = k.values;
        long[] hashes = k.hashes;
        for (int i = 0; i < k.count; i++) {
            ids[i] = k.hasNull(i) ? -1 : lookup(values[i], hashes[i]);
        }
    }

    private int lookup(long v, long hash) {
        int slot = (int) hash & mask;
        while (true) {
            int id = slotIds[slot];
            if (id == 0) {
                return -1;
            }
            if (slotKeys[slot] == v) {
                return id - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    @Override
    public int findOrInsertFrom(KeyTable other, int otherId) {
        LongKeyTable o = (LongKeyTable) other;
        if (otherId == o.nullId) {
            if (nullId < 0) {
                nullId = add(0L);
            }
            return nullId;
        }
        long v = o.keys[otherId];
        int slot = (int) Hashing.mix(v) & mask;
        while (true) {
            int id = slotIds[slot];
            if (id == 0) {
                int added = add(v);
                slotKeys[slot] = v;
                slotIds[slot] = added + 1;
                if (size * 2 > slotIds.length) {
                    rehash();
                }
                return added;
            }
            if (slotKeys[slot] == v) {
                return id - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int add(long v) {
        if (size == keys.length) {
            memory.grow(keys.length * 8L);
            keys = Arrays.copyOf(keys, keys.length * 2);
        }
        keys[size] = v;
        return size++;
    }

    private void rehash() {
        int capacity = slotIds.length * 2;
        memory.grow((long) capacity * 12 - (long) slotIds.length * 12);
        long[] newKeys = new long[capacity];
        int[] newIds = new int[capacity];
        int newMask = capacity - 1;
        for (int s = 0; s < slotIds.length; s++) {
            int id = slotIds[s];
            if (id != 0) {
                long v = slotKeys[s];
                int slot = (int) Hashing.mix(v) & newMask;
                while (newIds[slot] != 0) {
                    slot = (slot + 1) & newMask;
                }
                newKeys[slot] = v;
                newIds[slot] = id;
            }
        }
        slotKeys = newKeys;
        slotIds = newIds;
        mask = newMask;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long hashOf(int id) {
        return id == nullId ? Hashing.NULL_HASH : Hashing.mix(keys[id]);
    }

    @Override
    public List<FieldVector> toVectors(int[] ids, int count, List<String> names, BufferAllocator allocator) {
        FieldVector v = Vectors.allocate(type, names.get(0), count, allocator);
        try {
            ArrowBuf data = v.getDataBuffer();
            ArrowBuf valid = v.getValidityBuffer();
            for (int j = 0; j < count; j++) {
                int id = ids[j];
                if (id == nullId) {
                    continue;
                }
                BitVectorHelper.setBit(valid, j);
                long k = keys[id];
                switch (type.kind()) {
                    case INT8 -> data.setByte(j, (byte) k);
                    case INT16 -> data.setShort((long) j << 1, (short) k);
                    case INT32, DATE32 -> data.setInt((long) j << 2, (int) k);
                    case FLOAT32 -> data.setFloat((long) j << 2, (float) Double.longBitsToDouble(k));
                    case FLOAT64 -> data.setDouble((long) j << 3, Double.longBitsToDouble(k));
                    case BOOL -> {
                        if (k != 0) {
                            BitVectorHelper.setBit(data, j);
                        }
                    }
                    default -> data.setLong((long) j << 3, k);
                }
            }
            v.setValueCount(count);
            return List.of(v);
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
    }

    @Override
    public void close() {
        slotKeys = null;
        slotIds = null;
        keys = null;
    }
}
