package io.polaroid.engine.io.parquet;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.Batch;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.filter.StringTest;
import io.polaroid.engine.memory.HeapMemory;
import io.polaroid.engine.physical.expr.Utf8Writer;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Vectors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;

/** One row group of one Parquet file. */
final class ParquetMorsel implements Morsel {
    private final ParquetFile file;
    private final int rowGroup;
    private final Schema schema;
    private final org.apache.hadoop.conf.Configuration conf;

    ParquetMorsel(ParquetFile file, int rowGroup, Schema schema, org.apache.hadoop.conf.Configuration conf) {
        this.file = file;
        this.rowGroup = rowGroup;
        this.schema = schema;
        this.conf = conf;
    }

    BlockMetaData block() {
        return file.footer().getBlocks().get(rowGroup);
    }

    @Override
    public long rows() {
        return block().getRowCount();
    }

    @Override
    public String describe() {
        return file.path() + " row group " + rowGroup;
    }

    @Override
    public BatchReader open(List<String> columns, TaskContext ctx) {
        return new RowGroupReader(columns, List.of(), ctx);
    }

    /** Tests of columns that are not returned run on the column's dictionary, never materializing it. */
    @Override
    public BatchReader open(List<String> columns, List<StringTest> tests, TaskContext ctx) {
        return tests.isEmpty() ? open(columns, ctx) : new RowGroupReader(columns, tests, ctx);
    }

    private PolaroidException failure(Exception e) {
        if (e instanceof PolaroidException p && p.code() != ErrorCode.INTERNAL) {
            return p;
        }
        return new PolaroidException(ErrorCode.INVALID_DATA, "cannot read " + describe() + ": " + e.getMessage(), e);
    }

    /** Decodes the requested column chunks of the row group, batch by batch. */
    private final class RowGroupReader implements BatchReader {
        private final TaskContext ctx;
        private final Schema outSchema;
        private final HeapMemory memory;
        private ParquetFileReader reader;
        private final List<ColumnChunkDecoder> decoders = new ArrayList<>();
        /** Tests of columns read only for them: one combined test and one decoder per column. */
        private final List<StringTest> columnTests = new ArrayList<>();
        private final List<ColumnChunkDecoder> testDecoders = new ArrayList<>();
        private long rowsLeft;
        private int batchIndex;

        RowGroupReader(List<String> columns, List<StringTest> tests, TaskContext ctx) {
            this.ctx = ctx;
            this.outSchema = schema.select(columns);
            this.memory = new HeapMemory(ctx.allocator(), "Parquet reader");
            java.util.Map<String, List<StringTest>> byColumn = new java.util.LinkedHashMap<>();
            for (StringTest t : tests) {
                byColumn.computeIfAbsent(t.column(), c -> new ArrayList<>()).add(t);
            }
            byColumn.values().forEach(ts -> columnTests.add(StringTest.allOf(ts)));
            List<String> all = new ArrayList<>(columns);
            all.addAll(byColumn.keySet());
            try {
                MessageType fileSchema = file.footer().getFileMetaData().getSchema();
                List<ColumnDescriptor> wanted = new ArrayList<>();
                long chunkBytes = 0;
                for (String c : all) {
                    if (!fileSchema.containsField(c)) {
                        throw new PolaroidException(ErrorCode.INVALID_DATA, "column '" + c + "' is missing from " + file.path());
                    }
                    ColumnDescriptor d = fileSchema.getColumnDescription(new String[] {c});
                    DataType t = ParquetSchemas.toPolaroid(fileSchema.getType(c)).type();
                    if (!t.equals(schema.field(c).type())) {
                        throw new PolaroidException(ErrorCode.INVALID_DATA, "column '" + c + "' is " + t + " in " + file.path()
                                + " but " + schema.field(c).type() + " in the first file");
                    }
                    wanted.add(d);
                    for (ColumnChunkMetaData chunk : block().getColumns()) {
                        if (chunk.getPath().toDotString().equals(c)) {
                            chunkBytes += chunk.getTotalSize();
                        }
                    }
                }
                memory.grow(chunkBytes);
                HadoopInputFile input = HadoopInputFile.fromStatus(file.status(), conf);
                reader = new ParquetFileReader(input, file.footer(), HadoopReadOptions.builder(conf).build(), input.newStream());
                reader.setRequestedSchema(wanted);
                PageReadStore pages = reader.readRowGroup(rowGroup);
                rowsLeft = pages.getRowCount();
                for (int i = 0; i < columns.size(); i++) {
                    boolean allNull = outSchema.field(i).type().kind() == TypeKind.NULL;
                    decoders.add(allNull ? null : new ColumnChunkDecoder(wanted.get(i), pages.getPageReader(wanted.get(i)),
                            outSchema.field(i).type(), ctx.allocator()));
                }
                for (int i = columns.size(); i < wanted.size(); i++) {
                    testDecoders.add(new ColumnChunkDecoder(wanted.get(i), pages.getPageReader(wanted.get(i)),
                            DataType.UTF8, ctx.allocator()));
                }
            } catch (IOException | RuntimeException e) {
                close();
                throw failure(e);
            }
        }

        @Override
        public Batch next() {
            while (rowsLeft > 0) {
                Batch b = columnTests.isEmpty() ? decode() : decodeTested();
                if (b != null) {
                    return b;
                }
            }
            return null;
        }

        /** The next batch, keeping only rows that pass every test; null when none does. */
        private Batch decodeTested() {
            int n = (int) Math.min(ctx.batchRows(), rowsLeft);
            long[] pass = io.polaroid.engine.vector.Bits.ones(n);
            try {
                for (int t = 0; t < columnTests.size(); t++) {
                    testDecoders.get(t).readTest(columnTests.get(t), n, pass);
                }
            } catch (RuntimeException e) {
                throw failure(e);
            }
            Batch all = decode();
            try {
                int[] rows = new int[n];
                int count = io.polaroid.engine.vector.Bits.positions(pass, n, rows);
                if (count == n) {
                    Batch kept = all;
                    all = null;
                    return kept;
                }
                if (count == 0) {
                    return null;
                }
                List<FieldVector> columns = new ArrayList<>();
                try {
                    for (FieldVector v : all.columns()) {
                        columns.add(Vectors.take(v, rows, count, ctx.allocator()));
                    }
                } catch (RuntimeException e) {
                    columns.forEach(FieldVector::close);
                    throw e;
                }
                return Batch.of(outSchema, columns, count, all.seq());
            } finally {
                if (all != null) {
                    all.close();
                }
            }
        }

        private Batch decode() {
            int n = (int) Math.min(ctx.batchRows(), rowsLeft);
            List<FieldVector> columns = new ArrayList<>(decoders.size());
            try {
                for (int c = 0; c < decoders.size(); c++) {
                    Field f = outSchema.field(c);
                    if (f.type().kind() == TypeKind.NULL) {
                        FieldVector nulls = Vectors.allocate(f.type(), f.name(), n, ctx.allocator());
                        nulls.setValueCount(n);
                        columns.add(nulls);
                    } else if (f.type().kind() == TypeKind.UTF8) {
                        Utf8Writer writer = new Utf8Writer(n, 16L * n, ctx.allocator());
                        try {
                            decoders.get(c).readStrings(writer, n);
                        } catch (RuntimeException e) {
                            writer.closeOnError();
                            throw e;
                        }
                        columns.add(writer.finish());
                    } else {
                        FieldVector v = Vectors.allocate(f.type(), f.name(), n, ctx.allocator());
                        columns.add(v);
                        decoders.get(c).readFixed(v, n);
                    }
                }
                rowsLeft -= n;
                return Batch.of(outSchema, columns, n, batchIndex++);
            } catch (RuntimeException e) {
                columns.forEach(FieldVector::close);
                throw failure(e);
            }
        }

        @Override
        public void close() {
            for (ColumnChunkDecoder d : decoders) {
                if (d != null) {
                    d.close();
                }
            }
            testDecoders.forEach(ColumnChunkDecoder::close);
            testDecoders.clear();
            decoders.clear();
            if (reader != null) {
                try {
                    reader.close();
                } catch (IOException ignored) {
                    // nothing was written; a failed close of an input file loses nothing
                }
                reader = null;
            }
            memory.close();
        }
    }
}
