package io.polaroid.engine.io.filter;

import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.ScanContext;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * A {@link ScanFilter} for any morsel: reads the requested columns and those the filter needs,
 * runs the tests and the predicate on every batch, and keeps the passing rows of the requested
 * columns. Readers that can do better (Parquet: tests on dictionaries, late materialization)
 * override {@link Morsel#open(List, ScanFilter, ScanContext)}.
 */
public final class FilteringReader implements Morsel.BatchReader {
    private final Morsel.BatchReader reader;
    private final ScanFilter filter;
    private final List<String> columns;
    private final List<String> read;
    private final ScanContext ctx;

    public FilteringReader(Morsel morsel, List<String> columns, ScanFilter filter, ScanContext ctx) {
        this.columns = columns;
        this.read = filter.readColumns(columns);
        this.filter = filter;
        this.ctx = ctx;
        this.reader = morsel.open(read, ctx);
    }

    @Override
    public Batch next() {
        Batch b;
        while ((b = reader.next()) != null) {
            ctx.addScanned(b.rowCount(), b.bytes());
            Batch kept = keep(b);
            if (kept != null) {
                return kept;
            }
        }
        return null;
    }

    /** The rows of {@code b} that pass, in the requested columns; null if none. Closes {@code b}. */
    private Batch keep(Batch b) {
        try (b) {
            int n = b.rowCount();
            int[] rows = new int[n];
            int count = n;
            boolean all = true;
            if (!filter.tests().isEmpty() || !filter.ranges().isEmpty()) {
                long[] pass = Bits.ones(n);
                for (ColumnTest t : filter.columnTests()) {
                    t.andTest(b.column(read.indexOf(t.column())), n, pass, 0);
                }
                count = Bits.positions(pass, n, rows);
                all = count == n;
            }
            if (count > 0 && filter.predicate() != null) {
                int[] passed = new int[count];
                int k;
                try (Batch input = columns(b, filter.predicateColumns(), all ? null : rows, count)) {
                    k = filter.predicate().select(input, ctx.allocator(), passed);
                }
                for (int i = 0; i < k; i++) {
                    rows[i] = all ? passed[i] : rows[passed[i]];
                }
                all = k == n;
                count = k;
            }
            if (count == 0) {
                return null;
            }
            return columns(b, columns, all ? null : rows, count);
        }
    }

    /** The named columns of {@code b}: shared when {@code rows} is null, else rows {@code rows[0 .. count)}. */
    private Batch columns(Batch b, List<String> names, int[] rows, int count) {
        List<FieldVector> out = new ArrayList<>(names.size());
        List<Field> fields = new ArrayList<>(names.size());
        try {
            for (String c : names) {
                int index = read.indexOf(c);
                FieldVector v = b.column(index);
                out.add(rows == null ? Vectors.share(v) : Vectors.take(v, rows, count, ctx.allocator()));
                fields.add(b.schema().field(index));
            }
        } catch (RuntimeException | Error e) {
            out.forEach(FieldVector::close);
            throw e;
        }
        return Batch.of(new Schema(fields), out, count, b.seq());
    }

    @Override
    public void close() {
        reader.close();
    }
}
