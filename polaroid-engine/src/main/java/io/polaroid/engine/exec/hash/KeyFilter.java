package io.polaroid.engine.exec.hash;

import io.polaroid.engine.memory.HeapMemory;

/**
 * A Bloom filter over a finished table's key hashes, small enough to stay in a core's cache while
 * the table does not: a probe for an absent key then costs a cache hit instead of a miss. Each key
 * sets three bits of one 64-bit word (a register-blocked filter), about 8 to 16 bits per key, so
 * about 3% of absent keys pass. When most probed keys are present the filter only adds work, so
 * it stops filtering once a batch finds most of its keys.
 */
final class KeyFilter {
    /** Tables smaller than this fit in cache themselves. */
    static final int MIN_KEYS = 1 << 16;

    private final long[] words;
    private final int wordMask;
    /** Cleared when probes turn out to find most of their keys; a hint, so races on it are harmless. */
    private boolean useful = true;

    private KeyFilter(int keys) {
        this.words = new long[(int) (bytes(keys) >>> 3)];
        this.wordMask = words.length - 1;
    }

    /** 8 to 16 bits per key, a power of two in all. */
    private static long bytes(int keys) {
        long bits = Long.highestOneBit(Math.max(64L, keys * 8L - 1)) << 1;
        return bits >>> 3;
    }

    /**
     * A filter for the keys of {@code table}, its bytes reserved in {@code memory}; null when the
     * table is small enough not to need one, or when the query has no memory to spare for it.
     */
    static KeyFilter of(KeyTable table, HeapMemory memory) {
        if (table.size() < MIN_KEYS || !memory.tryGrow(bytes(table.size()))) {
            return null;
        }
        KeyFilter f = new KeyFilter(table.size());
        for (int id = 0; id < table.size(); id++) {
            long h = table.hashOf(id);
            f.words[word(h, f.wordMask)] |= bits(h);
        }
        return f;
    }

    private static int word(long hash, int mask) {
        return (int) (hash >>> 32) & mask;
    }

    private static long bits(long hash) {
        return (1L << hash) | (1L << (hash >>> 6)) | (1L << (hash >>> 12));
    }

    boolean mightContain(long hash) {
        long b = bits(hash);
        return (words[word(hash, wordMask)] & b) == b;
    }

    /** Whether probing should consult the filter. */
    boolean useful() {
        return useful;
    }

    /** Reports one probe batch: {@code passed} of {@code probed} keys got past the filter. */
    void record(int probed, int passed) {
        if (probed >= 256 && passed * 4L > probed * 3L) {
            useful = false;
        }
    }
}
