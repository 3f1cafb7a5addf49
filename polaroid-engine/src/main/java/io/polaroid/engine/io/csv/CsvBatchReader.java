package io.polaroid.engine.io.csv;

import io.polaroid.engine.dsl.CsvOptions;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.ScanContext;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Streams one CSV file as batches of the requested columns. Only those fields are copied and
 * parsed; the others are only scanned for their end. A row is checked whole before it counts: with
 * {@code ignoreErrors} a malformed row is dropped entirely, never kept with some fields null.
 */
final class CsvBatchReader implements Morsel.BatchReader {
    private final CsvFile file;
    private final CsvTokenizer tokenizer;
    private final Schema fileSchema;
    private final Schema output;
    private final CsvOptions options;
    private final ScanContext ctx;
    private final CsvErrors errors;
    private final CsvNullValues nulls;
    private final CsvRecord record = new CsvRecord();
    /** By field of the file: whether to copy it. */
    private final boolean[] keep;
    /** By output column: its field in the file. */
    private final int[] fieldOf;
    private final CsvColumnBuilder[] builders;
    private boolean started;
    private boolean done;
    private long seq;

    CsvBatchReader(CsvFile file, CsvTokenizer tokenizer, Schema fileSchema, Schema output, CsvOptions options, ScanContext ctx) {
        this.file = file;
        this.tokenizer = tokenizer;
        this.fileSchema = fileSchema;
        this.output = output;
        this.options = options;
        this.ctx = ctx;
        this.errors = new CsvErrors(file.display(), fileSchema.names());
        this.nulls = new CsvNullValues(options.nullValues());
        this.keep = new boolean[fileSchema.size()];
        this.fieldOf = new int[output.size()];
        this.builders = new CsvColumnBuilder[output.size()];
        CsvValueParser parser = new CsvValueParser();
        for (int c = 0; c < output.size(); c++) {
            Field field = output.field(c);
            fieldOf[c] = fileSchema.indexOf(field.name());
            keep[fieldOf[c]] = true;
            builders[c] = new CsvColumnBuilder(field.type(), parser);
        }
    }

    @Override
    public Batch next() {
        ctx.checkCancelled();
        List<FieldVector> vectors = new ArrayList<>(builders.length);
        try {
            if (!started) {
                started = true;
                skipHeader();
            }
            if (done) {
                return null;
            }
            int capacity = ctx.batchRows();
            for (int c = 0; c < builders.length; c++) {
                Field field = output.field(c);
                FieldVector v = Vectors.allocate(field.type(), field.name(), capacity, ctx.allocator());
                vectors.add(v);
                builders[c].start(v);
            }
            int rows = 0;
            while (rows < capacity) {
                if (!tokenizer.next(record, keep)) {
                    done = true;
                    break;
                }
                if (accept(rows)) {
                    rows++;
                }
            }
            if (rows == 0) {
                closeAll(vectors);
                return null;
            }
            for (CsvColumnBuilder builder : builders) {
                builder.finish(rows);
            }
            return Batch.of(output, vectors, rows, seq++);
        } catch (IOException e) {
            closeAll(vectors);
            throw file.ioError(e);
        } catch (RuntimeException | Error e) {
            closeAll(vectors);
            throw e;
        }
    }

    /** Skips the header, which must name the columns the first file named, in the same order. */
    private void skipHeader() throws IOException {
        if (!options.hasHeader()) {
            return;
        }
        if (!tokenizer.next(record, null)) {
            done = true;
            return;
        }
        List<String> names = CsvSchemaInference.headerNames(record);
        if (!names.equals(fileSchema.names())) {
            throw errors.at(record.line(), "the header " + names + " differs from the columns " + fileSchema.names()
                    + " of the first file");
        }
    }

    /** Writes the record at {@code row}; false if it is malformed and errors are ignored. */
    private boolean accept(int row) {
        if (record.unterminatedField() >= 0) {
            if (!options.ignoreErrors()) {
                throw errors.at(record.line(), record.unterminatedField(),
                        "unterminated quote: the field runs to the end of the file");
            }
            return false;
        }
        if (record.fieldCount() != keep.length) {
            if (!options.ignoreErrors()) {
                throw errors.wrongFieldCount(record.line(), record.fieldCount());
            }
            return false;
        }
        byte[] bytes = record.bytes();
        for (int c = 0; c < builders.length; c++) {
            int f = fieldOf[c];
            CsvColumnBuilder builder = builders[c];
            if (nulls.isNull(record, f, builder.type().kind() == TypeKind.UTF8)) {
                builder.setNull(row);
            } else if (!builder.set(row, bytes, record.start(f), record.end(f))) {
                if (!options.ignoreErrors()) {
                    throw errors.cannotParse(record.line(), f, bytes, record.start(f), record.end(f), builder.type());
                }
                for (int written = 0; written < c; written++) {
                    builders[written].setNull(row);
                }
                return false;
            }
        }
        return true;
    }

    private static void closeAll(List<FieldVector> vectors) {
        for (FieldVector v : vectors) {
            v.close();
        }
    }

    @Override
    public void close() {
        try {
            tokenizer.close();
        } catch (IOException e) {
            // Closing a stream that was only read from cannot lose data; there is nothing to report.
        }
    }
}
