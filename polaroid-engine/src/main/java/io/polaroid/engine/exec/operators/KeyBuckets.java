package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.hash.Hashing;
import io.polaroid.engine.exec.hash.EncodedKeys;
import io.polaroid.engine.exec.hash.KeyEncoder;
import io.polaroid.engine.kernels.PhysicalExpr;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * The hash bucket of each row's key: keys encoded as {@code encodeAs} (a join encodes both sides
 * as its build keys), so equal keys of either side fall in the same bucket. Safe to share between
 * the partitions of an operator: each thread encodes with its own {@link KeyEncoder} into its own
 * {@link EncodedKeys}, whose scratch space is not (two partitions sharing one put rows of a grace
 * join in the wrong buckets).
 */
final class KeyBuckets {
    private static final long LEVEL_SEED = 0x9E3779B97F4A7C15L;

    private final List<PhysicalExpr> keys;
    private final ThreadLocal<Scratch> scratch;

    /** A thread's encoder and encoded keys, reused batch after batch. */
    private record Scratch(KeyEncoder encoder, EncodedKeys encoded) {
    }

    KeyBuckets(List<PhysicalExpr> keys, List<DataType> encodeAs) {
        this.keys = List.copyOf(keys);
        List<DataType> types = List.copyOf(encodeAs);
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(new KeyEncoder(types), new EncodedKeys()));
    }

    /** Each row's bucket among {@code parts}. */
    int[] of(Batch batch, int parts, BufferAllocator allocator) {
        return of(batch, parts, 0, allocator);
    }

    /**
     * Each row's bucket among {@code parts} at re-bucketing {@code level}: level 0 is the first
     * split; each deeper level hashes the key's hash again with its own seed, so that the rows of
     * one bucket spread over the buckets of the next level.
     */
    int[] of(Batch batch, int parts, int level, BufferAllocator allocator) {
        int n = batch.rowCount();
        Scratch mine = scratch.get();
        EncodedKeys encoded = mine.encoded();
        List<FieldVector> vectors = new ArrayList<>(keys.size());
        try {
            for (PhysicalExpr k : keys) {
                vectors.add(k.eval(batch, allocator));
            }
            mine.encoder().encode(vectors, n, encoded);
        } finally {
            vectors.forEach(FieldVector::close);
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = bucketOf(encoded.hash(i), parts, level);
        }
        return out;
    }

    /** The bucket among {@code parts} of a key with hash {@code hash} at re-bucketing {@code level}. */
    static int bucketOf(long hash, int parts, int level) {
        return AggregationState.partitionOf(level == 0 ? hash : Hashing.mix(hash ^ (LEVEL_SEED * level)), parts);
    }
}
