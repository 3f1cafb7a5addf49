package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchList;
import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.spill.SpillFile;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;

/**
 * Rows that an operator sent to disk by hash bucket, given back in input order. Each reader gives
 * pieces in the order of the input batch their rows came from ({@code batchOf} of a piece's
 * sequence number), each with the rows' indices in that batch as its last column
 * ({@link BucketedSpill#ROW_INDEX}). The pieces of the lowest batch from every reader are gathered,
 * their rows sorted by index (stably: rows of one index, as a join makes, keep their order), and
 * given out as one batch without the index, numbered {@code seqOf} the input batch.
 */
final class RowOrderMerge implements BatchStream {
    private final List<SpillFile.Reader> readers;
    private final List<? extends AutoCloseable> owned;
    private final Batch[] heads;
    private final Schema schema;
    private final LongUnaryOperator batchOf;
    private final LongUnaryOperator seqOf;
    private final TaskContext ctx;

    /** Reads {@code readers}, which it closes, and then closes {@code owned} (the files read). */
    RowOrderMerge(List<SpillFile.Reader> readers, List<? extends AutoCloseable> owned, Schema schema,
                  LongUnaryOperator batchOf, LongUnaryOperator seqOf, TaskContext ctx) {
        this.readers = readers;
        this.owned = owned;
        this.schema = schema;
        this.batchOf = batchOf;
        this.seqOf = seqOf;
        this.ctx = ctx;
        this.heads = new Batch[readers.size()];
        try {
            for (int i = 0; i < heads.length; i++) {
                heads[i] = readers.get(i).next();
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    @Override
    public Batch next() {
        long lowest = Long.MAX_VALUE;
        for (Batch h : heads) {
            if (h != null) {
                lowest = Math.min(lowest, batchOf.applyAsLong(h.seq()));
            }
        }
        if (lowest == Long.MAX_VALUE) {
            return null;
        }
        try (BatchList same = new BatchList()) {
            for (int i = 0; i < heads.length; i++) {
                while (heads[i] != null && batchOf.applyAsLong(heads[i].seq()) == lowest) {
                    same.add(heads[i]);
                    heads[i] = null;
                    heads[i] = readers.get(i).next();
                }
            }
            ctx.checkCancelled();
            return inInputOrder(same, seqOf.applyAsLong(lowest));
        }
    }

    /** The rows of {@code pieces} sorted by their index, without it. */
    private Batch inInputOrder(BatchList pieces, long seq) {
        try (Batch all = pieces.size() == 1 ? null : Batch.concat(pieces, pieces.get(0).schema(), ctx.allocator())) {
            Batch rows = all == null ? pieces.get(0) : all;
            int n = rows.rowCount();
            int indexColumn = rows.columnCount() - 1;
            IntVector index = (IntVector) rows.column(indexColumn);
            int max = 0;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, index.get(i));
            }
            int[] starts = new int[max + 2];
            for (int i = 0; i < n; i++) {
                starts[index.get(i) + 1]++;
            }
            for (int v = 0; v <= max; v++) {
                starts[v + 1] += starts[v];
            }
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[starts[index.get(i)]++] = i;
            }
            List<FieldVector> columns = new ArrayList<>(indexColumn);
            try {
                for (int c = 0; c < indexColumn; c++) {
                    columns.add(Vectors.take(rows.column(c), order, n, ctx.allocator()));
                }
            } catch (RuntimeException | Error e) {
                columns.forEach(FieldVector::close);
                throw e;
            }
            return Batch.of(schema, columns, n, seq);
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < heads.length; i++) {
            if (heads[i] != null) {
                heads[i].close();
                heads[i] = null;
            }
        }
        readers.forEach(SpillFile.Reader::close);
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
