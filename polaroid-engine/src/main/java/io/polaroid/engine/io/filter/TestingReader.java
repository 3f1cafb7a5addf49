package io.polaroid.engine.io.filter;

import io.polaroid.engine.exec.Batch;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * String tests for any morsel: reads the tested columns too, tests every row, and keeps the rows
 * that pass, returning only the requested columns. Readers that can do better (Parquet, on
 * dictionaries) override {@link Morsel#open(List, List, TaskContext)}.
 */
public final class TestingReader implements Morsel.BatchReader {
    private final Morsel.BatchReader reader;
    private final List<StringTest> tests;
    private final List<String> columns;
    private final List<String> read;
    private final TaskContext ctx;

    public TestingReader(Morsel morsel, List<String> columns, List<StringTest> tests, TaskContext ctx) {
        Set<String> all = new LinkedHashSet<>(columns);
        for (StringTest t : tests) {
            all.add(t.column());
        }
        this.columns = columns;
        this.read = List.copyOf(all);
        this.tests = tests;
        this.ctx = ctx;
        this.reader = morsel.open(read, ctx);
    }

    @Override
    public Batch next() {
        Batch b;
        while ((b = reader.next()) != null) {
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
            long[] pass = Bits.ones(n);
            for (StringTest t : tests) {
                andTest(t, b.column(read.indexOf(t.column())), n, pass);
            }
            int[] rows = new int[n];
            int count = Bits.positions(pass, n, rows);
            if (count == 0) {
                return null;
            }
            List<FieldVector> out = new ArrayList<>(columns.size());
            List<Field> fields = new ArrayList<>(columns.size());
            try {
                for (String c : columns) {
                    int index = read.indexOf(c);
                    FieldVector v = b.column(index);
                    out.add(count == n ? Vectors.share(v) : Vectors.take(v, rows, count, ctx.allocator()));
                    fields.add(b.schema().field(index));
                }
            } catch (RuntimeException e) {
                out.forEach(FieldVector::close);
                throw e;
            }
            return Batch.of(new Schema(fields), out, count, b.seq());
        }
    }

    /** Clears the bits of rows of {@code v} that are null or fail {@code test}. */
    static void andTest(StringTest test, FieldVector v, int n, long[] pass) {
        ArrowBuf offsets = ((BaseVariableWidthVector) v).getOffsetBuffer();
        ArrowBuf data = v.getDataBuffer();
        for (int i = 0; i < n; i++) {
            int start = offsets.getInt((long) i << 2);
            int len = offsets.getInt((long) (i + 1) << 2) - start;
            if (v.isNull(i) || !test.test(data, start, len)) {
                pass[i >>> 6] &= ~(1L << i);
            }
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
