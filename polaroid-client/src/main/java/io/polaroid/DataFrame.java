package io.polaroid;

import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.types.Scalars;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Values;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The materialized result of a query: Arrow batches in result order. It holds off-heap memory:
 * close it when done (a forgotten frame is freed when garbage collected). Values come out as
 * Java values: Long/Integer/Short/Byte, Double/Float, String, Boolean, LocalDate,
 * LocalDateTime (or Instant with a time zone), BigDecimal.
 */
public final class DataFrame implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Backend backend;
    private final Schema schema;
    private final List<Batch> batches;
    private final long[] starts;
    private final long height;
    private final Cleaner.Cleanable cleanable;

    /** Holds {@code batches}; {@code release} frees them (and whatever holds them) exactly once. */
    DataFrame(Backend backend, Schema schema, List<Batch> batches, Runnable release) {
        this.backend = backend;
        this.schema = schema;
        this.batches = List.copyOf(batches);
        this.starts = new long[batches.size() + 1];
        for (int i = 0; i < batches.size(); i++) {
            starts[i + 1] = starts[i] + batches.get(i).rowCount();
        }
        this.height = starts[batches.size()];
        this.cleanable = CLEANER.register(this, release);
    }

    /** (height, width), as Polars' {@code df.shape}. */
    public record Shape(long height, int width) {
        @Override
        public String toString() {
            return "(" + height + ", " + width + ")";
        }
    }

    public Shape shape() {
        return new Shape(height, schema.size());
    }

    public long height() {
        return height;
    }

    public int width() {
        return schema.size();
    }

    public Schema schema() {
        return schema;
    }

    public List<String> columns() {
        return schema.names();
    }

    public List<DataType> dtypes() {
        return schema.types();
    }

    /** The batches, in order; they stay owned by this frame. */
    public List<Batch> batches() {
        return batches;
    }

    private int batchOf(long row) {
        if (row < 0 || row >= height) {
            throw new IndexOutOfBoundsException("row " + row + " of a frame with " + height + " rows");
        }
        int lo = 0;
        int hi = batches.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= row) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private Object engineValue(long row, int column) {
        int b = batchOf(row);
        return Values.get(batches.get(b).column(column), (int) (row - starts[b]), schema.field(column).type());
    }

    /** The value at ({@code row}, {@code column}) as a Java value. */
    public Object get(long row, String column) {
        int c = schema.indexOf(column);
        if (c < 0) {
            throw schema.columnNotFound(column);
        }
        return Scalars.toJava(engineValue(row, c), schema.field(c).type());
    }

    /** One row, as Java values in column order. */
    public List<Object> row(long row) {
        List<Object> out = new ArrayList<>(schema.size());
        for (int c = 0; c < schema.size(); c++) {
            out.add(Scalars.toJava(engineValue(row, c), schema.field(c).type()));
        }
        return out;
    }

    /** Every row, as Java values. */
    public List<List<Object>> rows() {
        List<List<Object>> out = new ArrayList<>((int) height);
        for (long r = 0; r < height; r++) {
            out.add(row(r));
        }
        return out;
    }

    /** One column, as Java values. */
    public List<Object> column(String name) {
        int c = schema.indexOf(name);
        if (c < 0) {
            throw schema.columnNotFound(name);
        }
        DataType t = schema.field(c).type();
        List<Object> out = new ArrayList<>((int) height);
        for (Batch b : batches) {
            for (int i = 0; i < b.rowCount(); i++) {
                out.add(Scalars.toJava(Values.get(b.column(c), i, t), t));
            }
        }
        return out;
    }

    /** A copy of the frame as one Arrow {@link VectorSchemaRoot} owned by {@code allocator}. */
    public VectorSchemaRoot toArrow(BufferAllocator allocator) {
        Batch whole = Batch.concat(batches, schema, allocator);
        return new VectorSchemaRoot(ArrowTypes.toArrow(schema).getFields(), new ArrayList<>(whole.columns()), (int) height);
    }

    /** This frame as the start of a new lazy query. */
    public LazyFrame lazy() {
        return new LazyFrame(backend, backend.inMemory(this));
    }

    // ---- the lazy frame's methods, run at once on this frame's backend ------------------------

    public DataFrame select(Expr... exprs) {
        return lazy().select(exprs).collect();
    }

    public DataFrame select(String... columns) {
        return lazy().select(columns).collect();
    }

    public DataFrame filter(Expr predicate) {
        return lazy().filter(predicate).collect();
    }

    public DataFrame withColumns(Expr... exprs) {
        return lazy().withColumns(exprs).collect();
    }

    public DataFrame sort(String... by) {
        return lazy().sort(by).collect();
    }

    public DataFrame head(long n) {
        return lazy().head(n).collect();
    }

    public DataFrame tail(long n) {
        return lazy().tail(n).collect();
    }

    public DataFrame join(DataFrame other, String on, String how) {
        return lazy().join(other.lazy(), on, how).collect();
    }

    public DataFrame joinAsof(DataFrame other, String on, String strategy) {
        return lazy().joinAsof(other.lazy(), on, strategy).collect();
    }

    public DataFrame unique() {
        return lazy().unique().collect();
    }

    public DataFrame drop(String... columns) {
        return lazy().drop(columns).collect();
    }

    public DataFrame withRowIndex(String name, long offset) {
        return lazy().withRowIndex(name, offset).collect();
    }

    public DataFrame unpivot(List<String> on, List<String> index) {
        return lazy().unpivot(on, index).collect();
    }

    /** {@code groupBy(keys).agg(aggs)}, run at once. */
    public DataFrame groupByAgg(List<String> keys, Expr... aggs) {
        return lazy().groupBy(keys.toArray(String[]::new)).agg(aggs).collect();
    }

    public void writeParquet(String path) {
        backend.writeParquet(this, path);
    }

    public void writeCsv(String path) {
        backend.writeCsv(this, path);
    }

    public void writeIpc(String path) {
        backend.writeIpc(this, path);
    }

    @Override
    public void close() {
        cleanable.clean();
    }

    /** A Polars-style table: shape, names, dtypes, and the first and last rows. */
    @Override
    public String toString() {
        return TablePrinter.print(schema, height, this::engineValue);
    }
}
