package io.polaroid.engine.exec.window;

import io.polaroid.engine.exec.hash.EncodedKeys;
import io.polaroid.engine.exec.hash.KeyEncoder;
import io.polaroid.engine.exec.hash.KeyTable;
import io.polaroid.engine.memory.HeapMemory;
import io.polaroid.engine.types.DataType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * The rows of a window operator's input grouped by their partition keys, each partition's rows in
 * data order: partition {@code p} is {@code rows[starts[p] .. starts[p + 1])}. The keys go through
 * the aggregation's hash table (nulls form a partition of their own) and a counting sort places
 * the rows, so grouping costs a hash probe per row rather than a comparison sort.
 */
public record Partitions(int[] rows, int[] starts) {
    public int count() {
        return starts.length - 1;
    }

    /** All {@code n} rows as one partition. */
    public static Partitions whole(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return new Partitions(rows, new int[] {0, n});
    }

    public static Partitions of(List<FieldVector> keys, List<DataType> types, int n, BufferAllocator allocator) {
        KeyEncoder encoder = new KeyEncoder(types);
        int[] ids = new int[n];
        int count;
        try (HeapMemory memory = new HeapMemory(allocator, "window partitions"); KeyTable table = encoder.newTable(memory)) {
            EncodedKeys encoded = new EncodedKeys();
            encoder.encode(keys, n, encoded);
            table.findOrInsert(encoded, ids);
            count = table.size();
        }
        int[] starts = new int[count + 1];
        for (int i = 0; i < n; i++) {
            starts[ids[i] + 1]++;
        }
        for (int p = 0; p < count; p++) {
            starts[p + 1] += starts[p];
        }
        int[] next = java.util.Arrays.copyOf(starts, count);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[next[ids[i]]++] = i;
        }
        return new Partitions(rows, starts);
    }

    /**
     * The partitions cut into at most {@code pieces} runs of whole partitions with about as many
     * rows each: {@code [cuts[j], cuts[j + 1])} are the partitions of run {@code j}.
     */
    public int[] runs(int pieces) {
        int total = rows.length;
        int[] cuts = new int[pieces + 1];
        int run = 1;
        for (int p = 0; p < count() && run < pieces; p++) {
            if (starts[p + 1] >= (long) total * run / pieces) {
                cuts[run++] = p + 1;
            }
        }
        for (; run <= pieces; run++) {
            cuts[run] = count();
        }
        return cuts;
    }
}
