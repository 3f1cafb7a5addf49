package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.spill.SpillFile;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;

/**
 * Input rows on disk, one spill file per hash bucket of their grouping keys: what an aggregation
 * could not keep in memory, read back one bucket at a time.
 *
 * <p>A bucket's rows are gathered in memory up to {@value #WRITE_BYTES} bytes before they are
 * written as one record (read back as the pieces they were): each input batch splits into as many
 * pieces as there are buckets, and writing pieces of a few hundred rows (one IPC message and one
 * compressed buffer per column each) cost TPC-H Q18 at SF10 7 s to write and 5 s to read back its
 * 44 M spilled rows.
 *
 * <p>Operators whose output follows the input's row order have each row's index in its input batch
 * added as a last column ({@value #ROW_INDEX}); each piece keeps its batch's sequence number.
 */
final class BucketedSpill implements AutoCloseable {
    /** The name of the column of row indices, when asked for. */
    static final String ROW_INDEX = "__row_index";

    /** The bytes of rows a bucket gathers before they are written. */
    static final long WRITE_BYTES = 1 << 19;
    /** The rows a bucket gathers at most before they are written. */
    static final int WRITE_ROWS = 1 << 16;

    private final SpillFile[] files;
    private final List<List<Batch>> pending;
    private final long[] pendingBytes;
    private final int[] pendingRows;
    private final TaskContext ctx;
    private final ExecNode owner;
    private final String label;
    private final boolean rowIndex;
    /** The pieces' schema, with row indices. */
    private Schema indexed;

    /** {@code owner}: the operator whose rows these are, {@code label} names its files. */
    BucketedSpill(int buckets, TaskContext ctx, ExecNode owner, String label) {
        this(buckets, ctx, owner, label, false);
    }

    /** As above; with {@code rowIndex}, each row's index in its input batch goes with it, as a last column. */
    BucketedSpill(int buckets, TaskContext ctx, ExecNode owner, String label, boolean rowIndex) {
        this.files = new SpillFile[buckets];
        this.pending = new ArrayList<>(buckets);
        for (int b = 0; b < buckets; b++) {
            pending.add(new ArrayList<>());
        }
        this.pendingBytes = new long[buckets];
        this.pendingRows = new int[buckets];
        this.ctx = ctx;
        this.owner = owner;
        this.label = label;
        this.rowIndex = rowIndex;
    }

    /** {@code schema} with the column of row indices after its columns. */
    static Schema withRowIndex(Schema schema) {
        List<Field> fields = new ArrayList<>(schema.fields());
        fields.add(new Field(ROW_INDEX, DataType.INT32, false));
        return new Schema(fields);
    }

    /** Writes each row of {@code batch} (which stays the caller's) to the file of its bucket. */
    void add(Batch batch, int[] bucketOfRow) {
        int n = batch.rowCount();
        int[] counts = new int[files.length + 1];
        for (int i = 0; i < n; i++) {
            counts[bucketOfRow[i] + 1]++;
        }
        for (int b = 0; b < files.length; b++) {
            counts[b + 1] += counts[b];
        }
        int[] fill = java.util.Arrays.copyOf(counts, files.length);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[fill[bucketOfRow[i]]++] = i;
        }
        for (int b = 0; b < files.length; b++) {
            int count = counts[b + 1] - counts[b];
            if (count == 0) {
                continue;
            }
            int[] mine = java.util.Arrays.copyOfRange(rows, counts[b], counts[b + 1]);
            Batch part = rowIndex ? withRowIndex(batch, mine, count) : Selection.take(batch, mine, count, ctx.allocator());
            pending.get(b).add(part);
            pendingBytes[b] += part.bytes();
            pendingRows[b] += count;
            if (pendingBytes[b] >= WRITE_BYTES || pendingRows[b] >= WRITE_ROWS) {
                write(b);
            }
        }
    }

    /** Rows {@code mine} of {@code batch} with their indices as a last column. */
    private Batch withRowIndex(Batch batch, int[] mine, int count) {
        if (indexed == null) {
            indexed = withRowIndex(batch.schema());
        }
        Batch part = Selection.take(batch, mine, count, ctx.allocator());
        List<FieldVector> columns = new ArrayList<>(part.columns());
        try {
            IntVector index = (IntVector) Vectors.allocate(DataType.INT32, ROW_INDEX, count, ctx.allocator());
            columns.add(index);
            for (int i = 0; i < count; i++) {
                index.set(i, mine[i]);
            }
            index.setValueCount(count);
        } catch (RuntimeException | Error e) {
            columns.forEach(FieldVector::close);
            throw e;
        }
        return new Batch(indexed, columns, count, batch.seq());
    }

    /** Writes bucket {@code b}'s gathered rows as one batch. */
    private void write(int b) {
        List<Batch> parts = pending.get(b);
        if (parts.isEmpty()) {
            return;
        }
        if (files[b] == null) {
            files[b] = ctx.spillFile(owner, label);
        }
        try {
            if (parts.size() == 1) {
                files[b].write(parts.get(0));
            } else {
                long[] seqs = new long[parts.size()];
                int[] rows = new int[parts.size()];
                for (int i = 0; i < seqs.length; i++) {
                    seqs[i] = parts.get(i).seq();
                    rows[i] = parts.get(i).rowCount();
                }
                try (Batch all = Batch.concat(parts, parts.get(0).schema(), ctx.allocator())) {
                    files[b].write(all, seqs, rows);
                }
            }
        } finally {
            Batch.closeAll(parts);
            parts.clear();
            pendingBytes[b] = 0;
            pendingRows[b] = 0;
        }
    }

    /** Ends the writing. */
    void finish() {
        for (int b = 0; b < files.length; b++) {
            write(b);
            if (files[b] != null) {
                files[b].finish();
            }
        }
    }

    /** Hands each batch of bucket {@code b} to {@code sink}, then closes it. */
    void forEach(int b, Consumer<Batch> sink) {
        forEachOwned(b, batch -> {
            try (batch) {
                sink.accept(batch);
            }
        });
    }

    /** Moves every batch of bucket {@code b} into {@code out}, which owns them from then on. */
    void takeAll(int b, List<Batch> out) {
        forEachOwned(b, out::add);
    }

    /** The batches of bucket {@code b}, read as they are asked for. */
    SpillFile.Reader reader(int b) {
        return files[b] == null ? null : files[b].read(ctx.allocator());
    }

    private void forEachOwned(int b, Consumer<Batch> sink) {
        if (files[b] == null) {
            return;
        }
        try (SpillFile.Reader reader = files[b].read(ctx.allocator())) {
            for (Batch batch = reader.next(); batch != null; batch = reader.next()) {
                sink.accept(batch);
                ctx.checkCancelled();
            }
        }
    }

    @Override
    public void close() {
        pending.forEach(Batch::closeAll);
        for (SpillFile f : files) {
            if (f != null) {
                f.close();
            }
        }
    }
}
