package io.polaroid.engine.exec.agg;

import io.polaroid.engine.exec.hash.Hashing;
import io.polaroid.engine.memory.HeapMemory;
import java.util.Arrays;

/**
 * The distinct (group, value) pairs of integer-like values: open addressing over pair indexes,
 * with the pairs themselves kept in insertion order for merging. Backs n_unique without boxing or
 * serializing anything.
 */
final class GroupValueSet {
    private final HeapMemory memory;
    private int[] slots = new int[1024];
    private int mask = 1023;
    int[] groups = new int[512];
    long[] values = new long[512];
    int size;

    GroupValueSet(HeapMemory memory) {
        this.memory = memory;
        memory.grow(1024 * 4 + 512 * 12);
    }

    private static long hash(int group, long value) {
        return Hashing.mix(value ^ (group * 0x9E3779B97F4A7C15L));
    }

    /** Adds the pair; true if it was not there yet. */
    boolean add(int group, long value) {
        int slot = (int) hash(group, value) & mask;
        while (true) {
            int e = slots[slot];
            if (e == 0) {
                append(group, value);
                slots[slot] = size;
                if (size * 2 > slots.length) {
                    rehash();
                }
                return true;
            }
            if (groups[e - 1] == group && values[e - 1] == value) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void append(int group, long value) {
        if (size == groups.length) {
            memory.grow((long) groups.length * 12);
            groups = Arrays.copyOf(groups, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        groups[size] = group;
        values[size] = value;
        size++;
    }

    private void rehash() {
        memory.grow((long) slots.length * 4);
        int[] fresh = new int[slots.length * 2];
        int newMask = fresh.length - 1;
        for (int e = 0; e < size; e++) {
            int slot = (int) hash(groups[e], values[e]) & newMask;
            while (fresh[slot] != 0) {
                slot = (slot + 1) & newMask;
            }
            fresh[slot] = e + 1;
        }
        slots = fresh;
        mask = newMask;
    }
}
