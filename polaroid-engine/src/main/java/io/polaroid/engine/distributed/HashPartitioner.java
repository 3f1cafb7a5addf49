package io.polaroid.engine.distributed;

import io.polaroid.engine.kernels.PhysicalExpr;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.hash.SimpleHasher;
import org.apache.arrow.vector.FieldVector;

/**
 * Splits batches by a hash of key expressions. The hash depends only on the key values (their
 * Arrow bytes), never on the process, so the two sides of a join, shuffled by different tasks on
 * different workers, send equal keys to the same partition. Nulls hash alike.
 */
public final class HashPartitioner {
    private final List<PhysicalExpr> keys;
    private final int partitions;

    public HashPartitioner(List<PhysicalExpr> keys, int partitions) {
        this.keys = List.copyOf(keys);
        this.partitions = partitions;
    }

    /** The rows of {@code batch} per partition (null where a partition gets no row); the batch is not closed. */
    public Batch[] split(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        int[] hashes = new int[n];
        for (PhysicalExpr key : keys) {
            try (FieldVector values = key.eval(batch, allocator)) {
                for (int i = 0; i < n; i++) {
                    hashes[i] = hashes[i] * 31 + values.hashCode(i, SimpleHasher.INSTANCE);
                }
            }
        }
        int[] counts = new int[partitions];
        int[] target = new int[n];
        for (int i = 0; i < n; i++) {
            int p = Math.floorMod(mix(hashes[i]), partitions);
            target[i] = p;
            counts[p]++;
        }
        int[][] rows = new int[partitions][];
        for (int p = 0; p < partitions; p++) {
            rows[p] = new int[counts[p]];
        }
        int[] filled = new int[partitions];
        for (int i = 0; i < n; i++) {
            rows[target[i]][filled[target[i]]++] = i;
        }
        Batch[] out = new Batch[partitions];
        try {
            for (int p = 0; p < partitions; p++) {
                if (counts[p] > 0) {
                    out[p] = take(batch, rows[p], allocator);
                }
            }
            return out;
        } catch (RuntimeException | Error e) {
            for (Batch b : out) {
                if (b != null) {
                    b.close();
                }
            }
            throw e;
        }
    }

    private static Batch take(Batch batch, int[] rows, BufferAllocator allocator) {
        List<FieldVector> columns = new ArrayList<>(batch.columnCount());
        try {
            for (FieldVector v : batch.columns()) {
                columns.add(Vectors.take(v, rows, rows.length, allocator));
            }
        } catch (RuntimeException | Error e) {
            columns.forEach(FieldVector::close);
            throw e;
        }
        return Batch.of(batch.schema(), columns, rows.length, batch.seq());
    }

    /** Spreads the bits of a hash whose low bits may repeat (small integers hash to themselves). */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
