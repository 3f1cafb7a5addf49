package io.polaroid.engine.io.csv;

import io.polaroid.engine.dsl.CsvOptions;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Batch;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes batches as one CSV file that {@link CsvSource} reads back to the same values with the
 * same options: a null is an empty field, an empty string is {@code ""}, and a string that holds
 * the delimiter, the quote, a line end, or that spells a null value is quoted, quotes doubled.
 * Strings go out as the bytes they are in their vector.
 */
public final class CsvWriter {
    private static final int BUFFER_SIZE = 1 << 16;

    private final OutputStream out;
    private final byte delimiter;
    private final byte quote;
    private final CsvNullValues nulls;
    private byte[] scratch = new byte[256];

    private CsvWriter(OutputStream out, CsvOptions options) {
        this.out = out;
        this.delimiter = (byte) options.delimiter();
        this.quote = (byte) options.quote();
        this.nulls = new CsvNullValues(options.nullValues());
    }

    /**
     * Writes {@code batches} (columns in {@code schema}'s order) to {@code path}, creating its
     * folder and replacing a file that is there. The batches stay open: the caller owns them.
     */
    public static void write(Schema schema, Iterable<Batch> batches, String path, CsvOptions options, FileSystems files) {
        CsvTokenizer.checkOptions(options.delimiter(), options.quote());
        for (Field field : schema.fields()) {
            CsvTextFormat.checkWritable(field.type());
        }
        Path target = new Path(path);
        FileSystem fs = files.fileSystem(target);
        try {
            if (target.getParent() != null) {
                fs.mkdirs(target.getParent());
            }
            try (OutputStream out = new BufferedOutputStream(fs.create(target, true), BUFFER_SIZE)) {
                CsvWriter writer = new CsvWriter(out, options);
                if (options.hasHeader()) {
                    writer.writeHeader(schema);
                }
                for (Batch batch : batches) {
                    writer.writeBatch(schema, batch);
                }
            }
        } catch (IOException e) {
            throw new PolaroidException(ErrorCode.IO_ERROR, "cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    private void writeHeader(Schema schema) throws IOException {
        for (int c = 0; c < schema.size(); c++) {
            if (c > 0) {
                out.write(delimiter);
            }
            byte[] name = schema.field(c).name().getBytes(StandardCharsets.UTF_8);
            writeField(name, name.length, true);
        }
        out.write('\n');
    }

    private void writeBatch(Schema schema, Batch batch) throws IOException {
        if (batch.columnCount() != schema.size()) {
            throw PolaroidException.internal("a batch of " + batch.columnCount() + " columns written as CSV of schema " + schema);
        }
        for (int row = 0; row < batch.rowCount(); row++) {
            for (int c = 0; c < schema.size(); c++) {
                if (c > 0) {
                    out.write(delimiter);
                }
                writeValue(batch.column(c), row, schema.field(c).type());
            }
            out.write('\n');
        }
    }

    private void writeValue(FieldVector v, int row, DataType type) throws IOException {
        if (type.kind() == TypeKind.NULL || v.isNull(row)) {
            return;
        }
        if (type.kind() == TypeKind.UTF8) {
            ArrowBuf offsets = ((BaseVariableWidthVector) v).getOffsetBuffer();
            int start = offsets.getInt((long) row << 2);
            int length = offsets.getInt((long) (row + 1) << 2) - start;
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            v.getDataBuffer().getBytes(start, scratch, 0, length);
            writeField(scratch, length, true);
        } else {
            byte[] text = CsvTextFormat.format(v, row, type).getBytes(StandardCharsets.UTF_8);
            writeField(text, text.length, false);
        }
    }

    /** Writes {@code bytes[0, length)}, quoted if reading it back unquoted would give something else. */
    private void writeField(byte[] bytes, int length, boolean text) throws IOException {
        if (!needsQuotes(bytes, length, text)) {
            out.write(bytes, 0, length);
            return;
        }
        out.write(quote);
        int from = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == quote) {
                out.write(bytes, from, i + 1 - from);
                out.write(quote);
                from = i + 1;
            }
        }
        out.write(bytes, from, length - from);
        out.write(quote);
    }

    private boolean needsQuotes(byte[] bytes, int length, boolean text) {
        if (text && (length == 0 || nulls.isNullValue(bytes, 0, length))) {
            return true;
        }
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b == delimiter || b == quote || b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }
}
