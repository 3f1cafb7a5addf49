package io.polaroid.engine.vector;

import io.polaroid.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.TransferPair;

/**
 * A set of equally long Arrow vectors with a schema, owned by whoever holds the batch: the
 * holder closes it or passes it on. {@code seq} orders batches in data order across threads, so
 * results come back in the order of the input wherever the plan does not reorder rows.
 */
public final class Batch implements AutoCloseable {
    private final Schema schema;
    private final List<FieldVector> columns;
    private final int rowCount;
    private final long seq;

    public Batch(Schema schema, List<FieldVector> columns, int rowCount, long seq) {
        if (schema.size() != columns.size()) {
            throw new IllegalArgumentException("schema has " + schema.size() + " fields but batch has "
                    + columns.size() + " columns");
        }
        this.schema = schema;
        this.columns = List.copyOf(columns);
        this.rowCount = rowCount;
        this.seq = seq;
    }

    public Schema schema() {
        return schema;
    }

    public List<FieldVector> columns() {
        return columns;
    }

    public FieldVector column(int index) {
        return columns.get(index);
    }

    public int columnCount() {
        return columns.size();
    }

    public int rowCount() {
        return rowCount;
    }

    public long seq() {
        return seq;
    }

    /** Bytes held by this batch's buffers. */
    public long bytes() {
        long total = 0;
        for (FieldVector v : columns) {
            total += v.getBufferSize();
        }
        return total;
    }

    /** The same columns under another schema (same types, other names) and sequence number. */
    public Batch relabel(Schema newSchema, long newSeq) {
        return new Batch(newSchema, columns, rowCount, newSeq);
    }

    /**
     * The same batch with its buffers moved, without copying, to {@code target} (an allocator of
     * the same root); this batch is left empty.
     */
    public Batch transferTo(BufferAllocator target) {
        List<FieldVector> moved = new ArrayList<>(columns.size());
        for (FieldVector v : columns) {
            TransferPair pair = v.getTransferPair(target);
            pair.transfer();
            moved.add((FieldVector) pair.getTo());
        }
        return new Batch(schema, moved, rowCount, seq);
    }

    /** Closes every column; safe to call more than once. */
    @Override
    public void close() {
        for (FieldVector v : columns) {
            v.close();
        }
    }

    /** Closes all batches in the list, then clears it. */
    public static void closeAll(List<Batch> batches) {
        for (Batch b : batches) {
            b.close();
        }
        batches.clear();
    }

    /** The rows of {@code batches}, in order, as one batch with the first one's sequence number. The inputs stay open. */
    public static Batch concat(List<Batch> batches, Schema schema, BufferAllocator allocator) {
        int n = 0;
        for (Batch b : batches) {
            n += b.rowCount();
        }
        List<FieldVector> columns = new ArrayList<>();
        try {
            for (int c = 0; c < schema.size(); c++) {
                List<FieldVector> parts = new ArrayList<>();
                for (Batch b : batches) {
                    parts.add(b.column(c));
                }
                columns.add(Vectors.concat(parts, schema.field(c).type(), schema.field(c).name(), allocator));
            }
        } catch (RuntimeException | Error e) {
            columns.forEach(FieldVector::close);
            throw e;
        }
        return of(schema, columns, n, batches.isEmpty() ? 0 : batches.get(0).seq());
    }

    /** A batch of {@code columns} that closes them if building the batch fails. */
    public static Batch of(Schema schema, List<FieldVector> columns, int rowCount, long seq) {
        try {
            return new Batch(schema, columns, rowCount, seq);
        } catch (RuntimeException | Error e) {
            for (FieldVector v : new ArrayList<>(columns)) {
                v.close();
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        return "Batch[rows=" + rowCount + ", seq=" + seq + ", " + schema + "]";
    }
}
