package io.polaroid.engine.io.filter;

import io.polaroid.engine.memory.HeapMemory;
import java.util.function.LongPredicate;

/**
 * The exact keys of a join's build side as one bit per value of {@code [min, max]}: a key is
 * tested with a subtraction, a range check and one bit, where a hash lookup or a Bloom filter
 * hashes it and may miss the cache twice. Built only when the keys are dense enough for the bits
 * to stay small (surrogate keys usually are: TPC-H's customer, part and order keys).
 */
public final class DenseKeySet implements LongPredicate {
    /** Never more than this many bits for one set (8 MiB). */
    static final long MAX_BITS = 1L << 26;
    /**
     * A set may always take this many bits, however few its keys (1 MiB, a core's cache): a scan
     * in key order tests them nearly in order, and a scan out of order misses a small hash table
     * about as often.
     */
    static final long FREE_BITS = 1L << 23;
    /**
     * Otherwise at most this many bits per key: what a hash table's slots take (16 bytes a slot,
     * two slots a key), so the bits are never larger, and a test touches one bit, not a slot.
     */
    static final long BITS_PER_KEY = 256;

    private final long min;
    private final long range;
    private final long[] words;

    private DenseKeySet(long min, long range, long[] words) {
        this.min = min;
        this.range = range;
        this.words = words;
    }

    /**
     * The set of {@code keys[0 .. size)} but {@code keys[skip]} (-1: none), its bytes reserved in
     * {@code memory}; null when the keys span too wide a range for their count, or when the query
     * has no memory to spare.
     */
    public static DenseKeySet of(long[] keys, int size, int skip, HeapMemory memory) {
        KeySpan span = KeySpan.of(keys, size, skip);
        long allowed = Math.min(MAX_BITS, Math.max(FREE_BITS, BITS_PER_KEY * size));
        if (span == null || span.values() > allowed || !memory.tryGrow((span.values() + 63) / 64 * 8)) {
            return null;
        }
        long min = span.min();
        long range = span.values();
        long[] words = new long[(int) ((range + 63) >>> 6)];
        for (int i = 0; i < size; i++) {
            if (i != skip) {
                long d = keys[i] - min;
                words[(int) (d >>> 6)] |= 1L << d;
            }
        }
        return new DenseKeySet(min, range, words);
    }

    @Override
    public boolean test(long key) {
        return bit(key) != 0;
    }

    /** 1 if the set holds {@code key}, else 0. */
    public int bit(long key) {
        long d = key - min;
        if (Long.compareUnsigned(d, range) >= 0) {
            return 0;
        }
        return (int) (words[(int) (d >>> 6)] >>> d) & 1;
    }
}
