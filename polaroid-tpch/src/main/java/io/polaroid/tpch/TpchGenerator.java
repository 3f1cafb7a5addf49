package io.polaroid.tpch;

import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.io.parquet.ParquetWriteOptions;
import io.polaroid.engine.io.parquet.ParquetWriter;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Writes the eight TPC-H tables as Parquet, one file per table ({@code <dir>/<table>.parquet}),
 * with rows identical to dbgen's (Trino's generator). Types as DuckDB's TPC-H: keys BIGINT,
 * money DECIMAL(15,2), dates DATE, text VARCHAR; every column NOT NULL, as in the TPC-H schema.
 * A table already present is kept, so the data is generated once per scale factor.
 */
public final class TpchGenerator {
    private static final int BATCH_ROWS = 64 * 1024;

    private TpchGenerator() {
    }

    /** {@code java io.polaroid.tpch.TpchGenerator <scale factor> <folder>} */
    public static void main(String[] args) throws Exception {
        double sf = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        Path dir = Path.of(args.length > 1 ? args[1] : "data/tpch-sf" + format(sf));
        long start = System.nanoTime();
        generate(sf, dir);
        System.out.printf("TPC-H SF%s in %s (%.1f s)%n", format(sf), dir, (System.nanoTime() - start) / 1e9);
    }

    public static String format(double sf) {
        return sf == Math.rint(sf) ? String.valueOf((long) sf) : String.valueOf(sf);
    }

    /** The folder where data of this scale factor lives under {@code root}. */
    public static Path folder(Path root, double sf) {
        return root.resolve("tpch-sf" + format(sf));
    }

    /** Generates every table missing from {@code dir}, two tables at a time. */
    public static void generate(double sf, Path dir) throws Exception {
        generate(sf, dir, ParquetWriteOptions.DEFAULT);
    }

    /** Like {@link #generate(double, Path)}, laying out the files by {@code options}. */
    public static void generate(double sf, Path dir, ParquetWriteOptions options) throws Exception {
        Files.createDirectories(dir);
        FileSystems files = new FileSystems(Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (BufferAllocator allocator = new RootAllocator()) {
            List<Future<?>> jobs = new ArrayList<>();
            for (TpchTable<?> table : TpchTable.getTables()) {
                Path target = dir.resolve(table.getTableName() + ".parquet");
                if (Files.exists(target)) {
                    continue;
                }
                jobs.add(pool.submit(() -> {
                    writeTable(table, sf, target, files, allocator, options);
                    return null;
                }));
            }
            for (Future<?> job : jobs) {
                job.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <E extends TpchEntity> void writeTable(TpchTable<E> table, double sf, Path target, FileSystems files,
                                                          BufferAllocator parent, ParquetWriteOptions options) {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Schema schema = schema(table);
        try (BufferAllocator allocator = parent.newChildAllocator(table.getTableName(), 0, Long.MAX_VALUE)) {
            Iterator<E> rows = table.createGenerator(sf, 1, 1).iterator();
            BatchIterable<E> batches = new BatchIterable<>(table, schema, rows, allocator);
            try {
                ParquetWriter.write(schema, batches, partial.toString(), files, options);
            } finally {
                batches.closeLast();
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <E extends TpchEntity> Schema schema(TpchTable<E> table) {
        List<Field> fields = new ArrayList<>();
        for (TpchColumn<E> c : table.getColumns()) {
            fields.add(new Field(c.getColumnName(), type(c), false));
        }
        return new Schema(fields);
    }

    private static DataType type(TpchColumn<?> c) {
        return switch (c.getType().getBase()) {
            case IDENTIFIER -> DataType.INT64;
            case INTEGER -> DataType.INT32;
            case DATE -> DataType.DATE32;
            case DOUBLE -> DataType.decimal(15, 2);
            case VARCHAR -> DataType.UTF8;
        };
    }

    /** Batches of generated rows, made on demand; each is closed when the next one is asked for. */
    private static final class BatchIterable<E extends TpchEntity> implements Iterable<Batch> {
        private final TpchTable<E> table;
        private final Schema schema;
        private final Iterator<E> rows;
        private final BufferAllocator allocator;
        private Batch last;

        BatchIterable(TpchTable<E> table, Schema schema, Iterator<E> rows, BufferAllocator allocator) {
            this.table = table;
            this.schema = schema;
            this.rows = rows;
            this.allocator = allocator;
        }

        void closeLast() {
            if (last != null) {
                last.close();
                last = null;
            }
        }

        @Override
        public Iterator<Batch> iterator() {
            return new Iterator<>() {
                private long seq;

                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Batch next() {
                    if (!rows.hasNext()) {
                        throw new NoSuchElementException();
                    }
                    closeLast();
                    List<E> chunk = new ArrayList<>(BATCH_ROWS);
                    while (chunk.size() < BATCH_ROWS && rows.hasNext()) {
                        chunk.add(rows.next());
                    }
                    last = toBatch(chunk, seq++);
                    return last;
                }
            };
        }

        private Batch toBatch(List<E> chunk, long seq) {
            int n = chunk.size();
            List<FieldVector> columns = new ArrayList<>();
            try {
                List<TpchColumn<E>> cols = table.getColumns();
                for (int c = 0; c < cols.size(); c++) {
                    columns.add(fill(cols.get(c), schema.field(c), chunk, n));
                }
            } catch (RuntimeException e) {
                columns.forEach(FieldVector::close);
                throw e;
            }
            return Batch.of(schema, columns, n, seq);
        }

        private FieldVector fill(TpchColumn<E> column, Field field, List<E> chunk, int n) {
            FieldVector v = Vectors.allocate(field.type(), field.name(), n, allocator);
            ArrowBuf data = v.getDataBuffer();
            switch (column.getType().getBase()) {
                case IDENTIFIER -> {
                    for (int i = 0; i < n; i++) {
                        data.setLong((long) i << 3, column.getIdentifier(chunk.get(i)));
                    }
                }
                case INTEGER -> {
                    for (int i = 0; i < n; i++) {
                        data.setInt((long) i << 2, column.getInteger(chunk.get(i)));
                    }
                }
                case DATE -> {
                    for (int i = 0; i < n; i++) {
                        data.setInt((long) i << 2, column.getDate(chunk.get(i)));
                    }
                }
                case DOUBLE -> {
                    for (int i = 0; i < n; i++) {
                        long cents = Math.round(column.getDouble(chunk.get(i)) * 100);
                        data.setLong((long) i << 4, cents);
                        data.setLong(((long) i << 4) + 8, cents >> 63);
                    }
                }
                case VARCHAR -> {
                    VarCharVector s = (VarCharVector) v;
                    for (int i = 0; i < n; i++) {
                        s.setSafe(i, column.getString(chunk.get(i)).getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            Vectors.setAllValid(v.getValidityBuffer(), n);
            v.setValueCount(n);
            return v;
        }
    }
}
