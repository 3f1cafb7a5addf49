package io.polaroid.engine.exec.hash;

import io.polaroid.engine.memory.HeapMemory;
import io.polaroid.engine.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A {@link KeyTable} for two integer-like keys (a part and a supplier, an order and a line),
 * without serializing them. Each slot is one long: the high half of the key's hash beside the id
 * plus one, so a probe for an absent key (most probes of a selective join) reads one slot and
 * usually stops there; the keys themselves sit in two arrays by id and are read only when the
 * hash halves agree. Null keys are stored as 0 with a mask saying which are null.
 */
final class TwoLongKeyTable implements KeyTable {
    private static final int INITIAL_SLOTS = 1024;
    private static final long ID_BITS = 0xFFFFFFFFL;

    private final List<DataType> types;
    private final HeapMemory memory;
    /** Slot: hash's high 32 bits, then id + 1 in the low 32 (0: empty). */
    private long[] slots;
    private int mask;
    private long[] firsts = new long[INITIAL_SLOTS / 2];
    private long[] seconds = new long[INITIAL_SLOTS / 2];
    /** Which keys of each id are null; null until a key with a null is added. */
    private byte[] nullMasks;
    private int size;
    private KeyFilter filter;

    TwoLongKeyTable(List<DataType> types, HeapMemory memory) {
        this.types = List.copyOf(types);
        this.memory = memory;
        memory.grow(INITIAL_SLOTS * 8L + firsts.length * 16L);
        this.slots = new long[INITIAL_SLOTS];
        this.mask = INITIAL_SLOTS - 1;
    }

    /** The hash of keys (a, b) whose null mask is {@code nullMask}; the encoder and the table agree on it. */
    static long hash(long a, long b, int nullMask) {
        return Hashing.mix(Hashing.mix(a) ^ (b * 0x9E3779B97F4A7C15L) ^ nullMask);
    }

    @Override
    public void findOrInsert(EncodedKeys k, int[] ids) {
        long[] a = k.values;
        long[] b = k.second;
        long[] hashes = k.hashes;
        boolean nulls = k.nullRows != null;
        int previous = -1;
        for (int i = 0; i < k.count; i++) {
            int nullMask = nulls ? k.nullMasks[i] : 0;
            // Rows clustered by key repeat the previous row's key: two comparisons instead of a probe.
            if (previous < 0 || a[i] != a[i - 1] || b[i] != b[i - 1] || nullMask != maskOf(previous)) {
                previous = findOrInsert(a[i], b[i], nullMask, hashes[i]);
            }
            ids[i] = previous;
        }
    }

    private int maskOf(int id) {
        return nullMasks == null ? 0 : nullMasks[id];
    }

    private int findOrInsert(long a, long b, int nullMask, long hash) {
        int slot = (int) hash & mask;
        while (true) {
            long word = slots[slot];
            if (word == 0) {
                int added = add(a, b, nullMask);
                slots[slot] = (hash & ~ID_BITS) | (added + 1L);
                if (size * 2 > mask + 1) {
                    rehash();
                }
                return added;
            }
            int id = (int) (word & ID_BITS) - 1;
            if (((word ^ hash) & ~ID_BITS) == 0 && firsts[id] == a && seconds[id] == b && maskOf(id) == nullMask) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    @Override
    public void find(EncodedKeys k, int[] ids) {
        long[] a = k.values;
        long[] b = k.second;
        long[] hashes = k.hashes;
        KeyFilter f = filter != null && filter.useful() ? filter : null;
        int passed = 0;
        for (int i = 0; i < k.count; i++) {
            if (k.hasNull(i) || f != null && !f.mightContain(hashes[i])) {
                ids[i] = -1;
                continue;
            }
            passed++;
            ids[i] = lookup(a[i], b[i], hashes[i]);
        }
        if (f != null) {
            f.record(k.count, passed);
        }
    }

    @Override
    public void prepareForFind() {
        filter = KeyFilter.of(this, memory);
    }

    /** The id of non-null keys (a, b), or -1. */
    private int lookup(long a, long b, long hash) {
        int slot = (int) hash & mask;
        while (true) {
            long word = slots[slot];
            if (word == 0) {
                return -1;
            }
            if (((word ^ hash) & ~ID_BITS) == 0) {
                int id = (int) (word & ID_BITS) - 1;
                if (firsts[id] == a && seconds[id] == b && maskOf(id) == 0) {
                    return id;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    @Override
    public int findOrInsertFrom(KeyTable other, int otherId) {
        TwoLongKeyTable o = (TwoLongKeyTable) other;
        long a = o.firsts[otherId];
        long b = o.seconds[otherId];
        int nullMask = o.maskOf(otherId);
        return findOrInsert(a, b, nullMask, hash(a, b, nullMask));
    }

    private int add(long a, long b, int nullMask) {
        filter = null;
        if (size == firsts.length) {
            grow(firsts.length * 2);
        }
        if (nullMask != 0 && nullMasks == null) {
            memory.grow(firsts.length);
            nullMasks = new byte[firsts.length];
        }
        firsts[size] = a;
        seconds[size] = b;
        if (nullMasks != null) {
            nullMasks[size] = (byte) nullMask;
        }
        return size++;
    }

    private void grow(int capacity) {
        memory.grow((long) (capacity - firsts.length) * (nullMasks == null ? 16 : 17));
        firsts = Arrays.copyOf(firsts, capacity);
        seconds = Arrays.copyOf(seconds, capacity);
        if (nullMasks != null) {
            nullMasks = Arrays.copyOf(nullMasks, capacity);
        }
    }

    @Override
    public void reserve(int expected) {
        while ((long) expected * 2 > mask + 1) {
            rehash();
        }
        if (firsts.length < expected) {
            grow(expected);
        }
    }

    private void rehash() {
        int capacity = (mask + 1) * 2;
        memory.grow((long) (mask + 1) * 8);
        long[] fresh = new long[capacity];
        int newMask = capacity - 1;
        for (int id = 0; id < size; id++) {
            long h = hashOf(id);
            int slot = (int) h & newMask;
            while (fresh[slot] != 0) {
                slot = (slot + 1) & newMask;
            }
            fresh[slot] = (h & ~ID_BITS) | (id + 1L);
        }
        slots = fresh;
        mask = newMask;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long hashOf(int id) {
        return hash(firsts[id], seconds[id], maskOf(id));
    }

    @Override
    public List<FieldVector> toVectors(int[] ids, int count, List<String> names, BufferAllocator allocator) {
        List<FieldVector> out = new ArrayList<>(2);
        try {
            out.add(column(0, firsts, ids, count, names.get(0), allocator));
            out.add(column(1, seconds, ids, count, names.get(1), allocator));
            return out;
        } catch (RuntimeException | Error e) {
            out.forEach(FieldVector::close);
            throw e;
        }
    }

    private FieldVector column(int c, long[] values, int[] ids, int count, String name, BufferAllocator allocator) {
        int bit = 1 << c;
        return Lanes.gather(types.get(c), name, values, ids, count, id -> (maskOf(id) & bit) != 0, allocator);
    }

    @Override
    public void close() {
        slots = null;
        firsts = null;
        seconds = null;
        nullMasks = null;
        filter = null;
    }
}
