package io.polaroid.engine.exec.agg;

import io.polaroid.engine.memory.HeapMemory;
import java.util.Arrays;

/**
 * Per-row (group, value) pairs, values as 64-bit words: the state of aggregates that need every
 * value of a group (median, n_unique). Adding appends; before merging, the pairs are put in
 * output-partition order once, so each partition's merge reads only its own pairs; at the end the
 * values are bucketed by group with a counting sort. Every pass is sequential.
 */
final class GroupPairs {
    private final HeapMemory memory;
    int[] groups = new int[1024];
    long[] values = new long[1024];
    int size;
    private int[] partStarts;

    GroupPairs(HeapMemory memory) {
        this.memory = memory;
        memory.grow(1024 * 12);
    }

    void add(int group, long value) {
        if (size == groups.length) {
            memory.grow((long) groups.length * 12);
            groups = Arrays.copyOf(groups, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        groups[size] = group;
        values[size] = value;
        size++;
    }

    /** Adds the pair unless it repeats the last one (enough when counting distinct values). */
    void addIfNotRepeated(int group, long value) {
        if (size == 0 || groups[size - 1] != group || values[size - 1] != value) {
            add(group, value);
        }
    }

    /** Reorders the pairs by the partition of their group. */
    void bucket(int[] partitionOfGroup, int parts) {
        int[] starts = new int[parts + 1];
        for (int k = 0; k < size; k++) {
            starts[partitionOfGroup[groups[k]] + 1]++;
        }
        for (int p = 0; p < parts; p++) {
            starts[p + 1] += starts[p];
        }
        int[] fill = Arrays.copyOf(starts, parts);
        int[] g2 = new int[size];
        long[] v2 = new long[size];
        for (int k = 0; k < size; k++) {
            int at = fill[partitionOfGroup[groups[k]]]++;
            g2[at] = groups[k];
            v2[at] = values[k];
        }
        groups = g2;
        values = v2;
        partStarts = starts;
    }

    /**
     * Adds the pairs of {@code other}'s partition {@code part} (all its pairs if it was never
     * bucketed) whose group maps to a target ({@code map[g] >= 0}).
     */
    void addMapped(GroupPairs other, int part, int[] map, boolean distinct) {
        int from = other.partStarts == null ? 0 : other.partStarts[part];
        int to = other.partStarts == null ? other.size : other.partStarts[part + 1];
        for (int k = from; k < to; k++) {
            int g = other.groups[k];
            int target = g < map.length ? map[g] : -1;
            if (target >= 0) {
                if (distinct) {
                    addIfNotRepeated(target, other.values[k]);
                } else {
                    add(target, other.values[k]);
                }
            }
        }
    }

    /** The values bucketed by group: group g's values are {@code values[starts[g] .. starts[g+1])}. */
    record Grouped(int[] starts, long[] values) {
    }

    Grouped byGroup(int groupCount) {
        int[] starts = new int[groupCount + 1];
        for (int k = 0; k < size; k++) {
            starts[groups[k] + 1]++;
        }
        for (int g = 0; g < groupCount; g++) {
            starts[g + 1] += starts[g];
        }
        long[] bucketed = new long[size];
        int[] fill = Arrays.copyOf(starts, groupCount);
        for (int k = 0; k < size; k++) {
            bucketed[fill[groups[k]]++] = values[k];
        }
        return new Grouped(starts, bucketed);
    }
}
