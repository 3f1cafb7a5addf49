package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchList;
import io.polaroid.engine.exec.hash.EncodedKeys;
import io.polaroid.engine.exec.hash.KeyEncoder;
import io.polaroid.engine.exec.hash.KeyTable;
import io.polaroid.engine.kernels.PhysicalExpr;
import io.polaroid.engine.memory.HeapMemory;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * The build side of a hash join: all its rows in data order as one batch, a table from key to
 * the first row with that key, and a chain to the next row with the same key. Rows with a null
 * key are not in the table: they never match. Also collects which rows any probe matched.
 */
final class JoinBuildSide implements AutoCloseable {
    final Batch rows;
    /** Whether each column of {@link #rows} has a null: counted once here, not by every take of its rows. */
    final boolean[] columnHasNulls;
    /** Key types; each probe thread makes its own encoder, since encoders keep per-call scratch space. */
    final List<DataType> keyTypes;
    final KeyTable table;
    final int[] head;
    final int[] next;
    private final HeapMemory memory;
    private final long[] matched;
    private int probesLeft;

    JoinBuildSide(List<BatchList> parts, Schema schema, List<PhysicalExpr> keys, int probes, BufferAllocator allocator) {
        BatchList all = new BatchList();
        parts.forEach(all::addAll);
        all.sortBySeq();
        this.memory = new HeapMemory(allocator, "hash join build");
        Batch combined = null;
        try (all) {
            combined = Batch.concat(all, schema, allocator);
            int n = combined.rowCount();
            List<DataType> types = new ArrayList<>();
            keys.forEach(k -> types.add(k.type()));
            this.keyTypes = List.copyOf(types);
            KeyEncoder encoder = new KeyEncoder(types);
            this.table = encoder.newTable(memory);
            EncodedKeys encoded = new EncodedKeys();
            List<FieldVector> keyVectors = new ArrayList<>();
            int[] ids = new int[n];
            try {
                for (PhysicalExpr k : keys) {
                    keyVectors.add(k.eval(combined, allocator));
                }
                encoder.encode(keyVectors, n, encoded);
            } finally {
                keyVectors.forEach(FieldVector::close);
            }
            table.findOrInsert(encoded, ids);
            table.prepareForFind();
            memory.grow(4L * table.size() + 4L * n + 8L * ((n + 63) / 64));
            this.head = new int[table.size()];
            Arrays.fill(head, -1);
            this.next = new int[n];
            for (int i = n - 1; i >= 0; i--) {
                if (!encoded.hasNull(i)) {
                    next[i] = head[ids[i]];
                    head[ids[i]] = i;
                } else {
                    next[i] = -1;
                }
            }
            this.matched = new long[(n + 63) / 64];
            this.probesLeft = probes;
            this.columnHasNulls = new boolean[combined.columnCount()];
            for (int c = 0; c < columnHasNulls.length; c++) {
                columnHasNulls[c] = Vectors.hasNulls(combined.column(c));
            }
            this.rows = combined;
        } catch (RuntimeException | Error e) {
            if (combined != null) {
                combined.close();
            }
            memory.close();
            throw e;
        }
    }

    /**
     * A test of one key (of a single integer-like key column) that is false only for keys the
     * table does not hold, for a scan on the probe side; null for other keys.
     */
    java.util.function.LongPredicate keys() {
        return table.membership();
    }

    int rowCount() {
        return rows.rowCount();
    }

    /**
     * A probe partition is done; its matches are folded in. Returns the matched rows of all
     * probes when this was the last partition to finish, else null.
     */
    synchronized long[] finishProbe(long[] localMatched) {
        if (localMatched != null) {
            for (int w = 0; w < matched.length; w++) {
                matched[w] |= localMatched[w];
            }
        }
        return --probesLeft == 0 ? matched : null;
    }

    @Override
    public void close() {
        rows.close();
        table.close();
        memory.close();
    }
}
