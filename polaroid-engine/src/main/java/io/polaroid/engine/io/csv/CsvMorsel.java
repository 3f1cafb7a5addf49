package io.polaroid.engine.io.csv;

import io.polaroid.engine.dsl.CsvOptions;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.ScanContext;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.types.Schema;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.Path;

/** One CSV file of a {@link CsvSource}; its row count is unknown until it is read. */
public final class CsvMorsel implements Morsel {
    private final CsvFile file;
    private final Schema fileSchema;
    private final CsvOptions options;
    private final FileSystems files;

    CsvMorsel(CsvFile file, Schema fileSchema, CsvOptions options, FileSystems files) {
        this.file = file;
        this.fileSchema = fileSchema;
        this.options = options;
        this.files = files;
    }

    /** The file at {@code path} (named {@code display} in messages), {@code length} bytes, of a scan with {@code options}. */
    public static CsvMorsel of(Path path, String display, long length, Schema fileSchema, CsvOptions options, FileSystems files) {
        return new CsvMorsel(new CsvFile(path, display, length), fileSchema, options, files);
    }

    public Path path() {
        return file.path();
    }

    public String display() {
        return file.display();
    }

    public long length() {
        return file.length();
    }

    public CsvOptions options() {
        return options;
    }

    public FileSystems files() {
        return files;
    }

    @Override
    public long rows() {
        return -1;
    }

    @Override
    public String describe() {
        return "csv " + file;
    }

    @Override
    public BatchReader open(List<String> columns, ScanContext ctx) {
        Schema output = fileSchema.select(columns);
        CsvTokenizer tokenizer = file.openTokenizer(files, options.delimiter(), options.quote());
        try {
            return new CsvBatchReader(file, tokenizer, fileSchema, output, options, ctx);
        } catch (RuntimeException | Error e) {
            try {
                tokenizer.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
