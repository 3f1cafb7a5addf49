package io.polaroid.engine.exec.hash;

/**
 * The open-addressing layout both key tables use for 64-bit keys: slot s holds the key at
 * {@code slots[2s]} and the group id plus one at {@code slots[2s+1]} (0: empty), probed linearly.
 */
final class LongSlots {
    private LongSlots() {
    }

    /** The group id of {@code key}, or -1 when it is not in the table. */
    static int find(long[] slots, int mask, long key, long hash) {
        int slot = (int) hash & mask;
        while (true) {
            long id = slots[2 * slot + 1];
            if (id == 0) {
                return -1;
            }
            if (slots[2 * slot] == key) {
                return (int) id - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Puts a key known to be absent into the first free slot from its hash (for rehashing). */
    static void place(long[] slots, int mask, long key, long idPlusOne, long hash) {
        int slot = (int) hash & mask;
        while (slots[2 * slot + 1] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[2 * slot] = key;
        slots[2 * slot + 1] = idPlusOne;
    }
}
