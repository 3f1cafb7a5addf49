package io.polaroid.engine.dsl;

import io.polaroid.engine.types.Field;
import java.util.List;

/**
 * How to read CSV files. {@link #DEFAULT}: a header row, comma-separated, double-quoted, empty
 * fields are null, types inferred from the first 100 rows, a malformed row is an error.
 */
public record CsvOptions(boolean hasHeader, char delimiter, char quote, List<String> nullValues,
                         int inferSchemaLength, List<Field> schemaOverrides, boolean ignoreErrors) {
    public static final int DEFAULT_INFER_LENGTH = 100;
    public static final CsvOptions DEFAULT =
            new CsvOptions(true, ',', '"', List.of(), DEFAULT_INFER_LENGTH, List.of(), false);

    public CsvOptions {
        nullValues = List.copyOf(nullValues);
        schemaOverrides = List.copyOf(schemaOverrides);
        if (inferSchemaLength < 0) {
            throw new IllegalArgumentException("inferSchemaLength must be >= 0");
        }
    }

    public CsvOptions withHasHeader(boolean value) {
        return new CsvOptions(value, delimiter, quote, nullValues, inferSchemaLength, schemaOverrides, ignoreErrors);
    }

    public CsvOptions withDelimiter(char value) {
        return new CsvOptions(hasHeader, value, quote, nullValues, inferSchemaLength, schemaOverrides, ignoreErrors);
    }

    public CsvOptions withQuote(char value) {
        return new CsvOptions(hasHeader, delimiter, value, nullValues, inferSchemaLength, schemaOverrides, ignoreErrors);
    }

    public CsvOptions withNullValues(List<String> value) {
        return new CsvOptions(hasHeader, delimiter, quote, value, inferSchemaLength, schemaOverrides, ignoreErrors);
    }

    public CsvOptions withInferSchemaLength(int value) {
        return new CsvOptions(hasHeader, delimiter, quote, nullValues, value, schemaOverrides, ignoreErrors);
    }

    public CsvOptions withSchemaOverrides(List<Field> value) {
        return new CsvOptions(hasHeader, delimiter, quote, nullValues, inferSchemaLength, value, ignoreErrors);
    }

    public CsvOptions withIgnoreErrors(boolean value) {
        return new CsvOptions(hasHeader, delimiter, quote, nullValues, inferSchemaLength, schemaOverrides, value);
    }
}
