package io.polaroid.engine.exec.hash;

import io.polaroid.engine.io.filter.DenseKeySet;
import io.polaroid.engine.io.filter.KeySpan;
import io.polaroid.engine.memory.HeapMemory;
import io.polaroid.engine.types.DataType;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A {@link KeyTable} for one integer-like key: open addressing with linear probing, each slot a
 * (key, id + 1) pair side by side so that a probe touches one cache line. The last key looked up
 * is remembered: data clustered by key (as most files are) then skips most probes.
 *
 * <p>A table starts <em>sorted</em>: while its keys arrive in ascending order (a file written in
 * key order, or a merge of such tables in key order) they are only appended, id = position, with
 * no slots at all, so a new key costs a sequential write instead of a cache miss and the table 8
 * bytes a key. A key found again out of order is looked up by binary search; a new key out of
 * order, a null key, too many binary searches or {@link #prepareForFind} build the slots, and the
 * table goes on hashed.
 */
final class LongKeyTable implements KeyTable {
    private static final int INITIAL_SLOTS = 1024;

    private final DataType type;
    private final HeapMemory memory;
    /** slot s: key at 2s, id + 1 at 2s + 1 (0: empty); null while sorted. */
    private long[] slots;
    private int mask;
    /** Whether keys ascend strictly and id = position (no slots). */
    private boolean sorted = true;
    /** Binary searches made while sorted: past {@link #maxSearches}, hashing is cheaper. */
    private int searches;
    /** Keys {@link #reserve} made room for: the slots are sized for them when built. */
    private int reserved;
    private long[] keys = new long[INITIAL_SLOTS / 2];
    private int size;
    private int nullId = -1;
    private long lastKey;
    private int lastId = -1;
    private KeyFilter filter;
    /**
     * For a finished table whose keys are dense ({@link #prepareForFind}): at {@code key - directMin},
     * the key's id + 1, 0 where no key; a probe is one load, no hashing or probing. Null otherwise.
     */
    private int[] direct;
    private long directMin;
    private LongPredicate membership;

    LongKeyTable(DataType type, HeapMemory memory) {
        this.type = type;
        this.memory = memory;
        memory.grow(keys.length * 8L);
    }

    /** Whether ids follow ascending key order (the table has only been appended to in key order). */
    boolean isSorted() {
        return sorted;
    }

    /** The key of id {@code id}, not null. */
    long key(int id) {
        return keys[id];
    }

    private int maxSearches() {
        return 1024 + size / 8;
    }

    /** Leaves sorted mode: builds the slots for the keys so far (and those {@link #reserve} expects). */
    private void hashKeys() {
        int capacity = INITIAL_SLOTS;
        while ((long) Math.max(size, reserved) * 2 > capacity) {
            capacity *= 2;
        }
        buildSlots(capacity);
        sorted = false;
    }

    /** (Re)builds the slots at {@code capacity} from the keys by id (the null key has no slot). */
    private void buildSlots(int capacity) {
        memory.grow((capacity - (slots == null ? 0L : mask + 1L)) * 16);
        long[] fresh = new long[capacity * 2];
        int newMask = capacity - 1;
        for (int id = 0; id < size; id++) {
            if (id != nullId) {
                LongSlots.place(fresh, newMask, keys[id], id + 1L, Hashing.mix(keys[id]));
            }
        }
        slots = fresh;
        mask = newMask;
    }

    @Override
    public void findOrInsert(EncodedKeys k, int[] ids) {
        long[] values = k.values;
        long[] hashes = k.hashes;
        boolean nulls = k.nullRows != null;
        for (int i = 0; i < k.count; i++) {
            if (nulls && k.hasNull(i)) {
                ids[i] = nullId();
                continue;
            }
            long v = values[i];
            if (v == lastKey && lastId >= 0) {
                ids[i] = lastId;
                continue;
            }
            int id = findOrInsert(v, hashes[i]);
            lastKey = v;
            lastId = id;
            ids[i] = id;
        }
    }

    private int nullId() {
        if (nullId < 0) {
            if (sorted) {
                hashKeys();
            }
            nullId = add(0L);
        }
        return nullId;
    }

    private int findOrInsert(long v, long hash) {
        if (sorted) {
            if (size == 0 || v > keys[size - 1]) {
                return add(v);
            }
            if (v == keys[size - 1]) {
                return size - 1;
            }
            int at = Arrays.binarySearch(keys, 0, size, v);
            if (at >= 0 && ++searches <= maxSearches()) {
                return at;
            }
            hashKeys();
        }
        int slot = (int) hash & mask;
        while (true) {
            long id = slots[2 * slot + 1];
            if (id == 0) {
                int added = add(v);
                slots[2 * slot] = v;
                slots[2 * slot + 1] = added + 1;
                if (size * 2 > mask + 1) {
                    rehash();
                }
                return added;
            }
            if (slots[2 * slot] == v) {
                return (int) id - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    @Override
    public void find(EncodedKeys k, int[] ids) {
        long[] values = k.values;
        long[] hashes = k.hashes;
        boolean nulls = k.nullRows != null;
        if (direct != null) {
            for (int i = 0; i < k.count; i++) {
                ids[i] = nulls && k.hasNull(i) ? -1 : directId(values[i]);
            }
            return;
        }
        KeyFilter f = filter != null && filter.useful() ? filter : null;
        int checked = 0;
        int passed = 0;
        long last = 0;
        int lastFound = Integer.MIN_VALUE;
        for (int i = 0; i < k.count; i++) {
            if (nulls && k.hasNull(i)) {
                ids[i] = -1;
                continue;
            }
            long v = values[i];
            if (v == last && lastFound != Integer.MIN_VALUE) {
                ids[i] = lastFound;
                continue;
            }
            if (f != null) {
                checked++;
                if (!f.mightContain(hashes[i])) {
                    ids[i] = -1;
                    continue;
                }
            }
            passed++;
            int found = lookup(v, hashes[i]);
            last = v;
            lastFound = found;
            ids[i] = found;
        }
        if (f != null) {
            f.record(checked, passed);
        }
    }

    private int directId(long v) {
        long d = v - directMin;
        return Long.compareUnsigned(d, direct.length) < 0 ? direct[(int) d] - 1 : -1;
    }

    /**
     * Keys spanning at most this many values per key get a direct index (4 bytes a value, where
     * the slots take 32 bytes a key).
     */
    static final int DIRECT_SPREAD = 4;

    @Override
    public void prepareForFind() {
        if (buildDirect()) {
            return;
        }
        if (sorted) {
            hashKeys();
        }
        filter = KeyFilter.of(this, memory);
    }

    private boolean buildDirect() {
        KeySpan span = KeySpan.of(keys, size, nullId);
        if (span == null || span.values() > (long) DIRECT_SPREAD * size || span.values() > Integer.MAX_VALUE - 8
                || !memory.tryGrow(span.values() * Integer.BYTES)) {
            return false;
        }
        long min = span.min();
        int[] index = new int[(int) span.values()];
        for (int id = 0; id < size; id++) {
            if (id != nullId) {
                index[(int) (keys[id] - min)] = id + 1;
            }
        }
        direct = index;
        directMin = min;
        return true;
    }

    /**
     * A bit per value of the keys' range when they are dense enough ({@link DenseKeySet}), else
     * its Bloom filter where it has one (a few absent keys pass), else an exact lookup. Made once.
     */
    @Override
    public synchronized LongPredicate membership() {
        if (membership == null) {
            KeyFilter f = filter;
            LongPredicate dense = DenseKeySet.of(keys, size, nullId, memory);
            membership = dense != null ? dense
                    : f != null ? v -> f.mightContain(Hashing.mix(v))
                    : v -> lookup(v, Hashing.mix(v)) >= 0;
        }
        return membership;
    }

    private int lookup(long v, long hash) {
        if (direct != null) {
            return directId(v);
        }
        if (sorted) {
            int at = Arrays.binarySearch(keys, 0, size, v);
            return at >= 0 ? at : -1;
        }
        return LongSlots.find(slots, mask, v, hash);
    }

    @Override
    public int findOrInsertFrom(KeyTable other, int otherId) {
        LongKeyTable o = (LongKeyTable) other;
        if (otherId == o.nullId) {
            return nullId();
        }
        long v = o.keys[otherId];
        return findOrInsert(v, Hashing.mix(v));
    }

    private int add(long v) {
        filter = null;
        direct = null;
        if (size == keys.length) {
            memory.grow(keys.length * 8L);
            keys = Arrays.copyOf(keys, keys.length * 2);
        }
        keys[size] = v;
        return size++;
    }

    @Override
    public void reserve(int expected) {
        reserved = Math.max(reserved, expected);
        while (!sorted && (long) expected * 2 > mask + 1) {
            rehash();
        }
        if (keys.length < expected) {
            memory.grow((long) (expected - keys.length) * 8);
            keys = Arrays.copyOf(keys, expected);
        }
    }

    private void rehash() {
        buildSlots((mask + 1) * 2);
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
        return List.of(Lanes.gather(type, names.get(0), keys, ids, count, id -> id == nullId, allocator));
    }

    @Override
    public void close() {
        slots = null;
        keys = null;
        filter = null;
        direct = null;
    }
}
