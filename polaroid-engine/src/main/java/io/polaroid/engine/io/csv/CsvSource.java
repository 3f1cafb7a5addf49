package io.polaroid.engine.io.csv;

import io.polaroid.engine.dsl.CsvOptions;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.io.DataSource;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.Statistics;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.io.fs.ListedFile;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV files as a scan source. The schema comes from the first file (header and first rows, see
 * {@link CsvSchemaInference}) with the user's type overrides applied; every file must have the
 * same columns. Each file is one morsel: a CSV file cannot be split without reading it, because a
 * line end inside quotes looks like any other.
 */
public final class CsvSource implements DataSource {
    private static final String[] EXTENSIONS = {".csv", ".tsv", ".txt"};

    private final List<String> paths;
    private final CsvOptions options;
    private final FileSystems files;
    private final List<CsvFile> csvFiles;
    private final Schema fileSchema;
    private final Statistics statistics;

    public CsvSource(List<String> paths, CsvOptions options, FileSystems files) {
        if (paths.isEmpty()) {
            throw PolaroidException.invalidPlan("a CSV scan needs at least one path");
        }
        CsvTokenizer.checkOptions(options.delimiter(), options.quote());
        this.paths = List.copyOf(paths);
        this.options = options;
        this.files = files;
        this.csvFiles = expand(this.paths, files);
        CsvSchemaInference.Result inferred = inferFirst();
        this.fileSchema = override(inferred.schema(), options.schemaOverrides());
        this.statistics = estimate(inferred);
    }

    private static List<CsvFile> expand(List<String> paths, FileSystems files) {
        List<CsvFile> out = new ArrayList<>();
        for (ListedFile file : files.list(paths, EXTENSIONS)) {
            out.add(new CsvFile(file.path(), file.display(), file.length()));
        }
        return out;
    }

    private CsvSchemaInference.Result inferFirst() {
        CsvFile first = csvFiles.get(0);
        try (CsvTokenizer tokenizer = first.openTokenizer(files, options.delimiter(), options.quote())) {
            return CsvSchemaInference.infer(tokenizer, first, options);
        } catch (IOException e) {
            throw first.ioError(e);
        }
    }

    /** The inferred schema with the types the user gave for some columns. */
    private static Schema override(Schema inferred, List<Field> overrides) {
        if (overrides.isEmpty()) {
            return inferred;
        }
        Map<String, Field> byName = new LinkedHashMap<>();
        for (Field f : overrides) {
            if (!inferred.contains(f.name())) {
                throw new PolaroidException(ErrorCode.COLUMN_NOT_FOUND, "the schema override names column '" + f.name()
                        + "', which the CSV file does not have; its columns are " + inferred.names());
            }
            CsvColumnBuilder.checkReadable(f.type());
            byName.put(f.name(), f);
        }
        List<Field> fields = new ArrayList<>(inferred.size());
        for (Field f : inferred.fields()) {
            Field o = byName.get(f.name());
            fields.add(o == null ? f : Field.of(f.name(), o.type()));
        }
        return new Schema(fields);
    }

    /** Total bytes, and rows from the sample's average row length. */
    private Statistics estimate(CsvSchemaInference.Result inferred) {
        long bytes = 0;
        for (CsvFile f : csvFiles) {
            bytes += f.length();
        }
        if (inferred.sampleRows() == 0 || inferred.sampleBytes() <= 0) {
            return new Statistics(-1, bytes);
        }
        long dataBytes = Math.max(0, bytes - inferred.headerBytes() * csvFiles.size());
        double bytesPerRow = (double) inferred.sampleBytes() / inferred.sampleRows();
        return new Statistics(Math.round(dataBytes / bytesPerRow), bytes);
    }

    @Override
    public Schema schema() {
        return fileSchema;
    }

    @Override
    public String describe() {
        return "csv " + paths;
    }

    @Override
    public Statistics statistics() {
        return statistics;
    }

    @Override
    public List<Morsel> morsels(List<String> columns, List<BoundExpr> filters) {
        fileSchema.select(columns); // fails now, naming the column, rather than in every morsel
        List<Morsel> morsels = new ArrayList<>(csvFiles.size());
        for (CsvFile file : csvFiles) {
            morsels.add(new CsvMorsel(file, fileSchema, options, files));
        }
        return morsels;
    }

    @Override
    public String toString() {
        return describe();
    }
}
