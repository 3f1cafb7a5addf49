package io.polaroid.engine.dsl;

import io.polaroid.engine.types.Field;
import java.util.List;

/**
 * How to read CSV files. {@link #DEFAULT}: a header row, comma-separated, double-quoted, empty
 * fields are null, types inferred from the first 100 rows without parsing dates (Polars'
 * {@code try_parse_dates=False}; DuckDB parses them), a malformed row is an error.
 */
public record CsvOptions(boolean hasHeader, char delimiter, char quote, List<String> nullValues,
                         int inferSchemaLength, List<Field> schemaOverrides, boolean ignoreErrors, boolean tryParseDates) {
    public static final int DEFAULT_INFER_LENGTH = 100;
    public static final CsvOptions DEFAULT =
            new CsvOptions(true, ',', '"', List.of(), DEFAULT_INFER_LENGTH, List.of(), false, false);

    public CsvOptions(boolean hasHeader, char delimiter, char quote, List<String> nullValues, int inferSchemaLength,
                      List<Field> schemaOverrides, boolean ignoreErrors) {
        this(hasHeader, delimiter, quote, nullValues, inferSchemaLength, schemaOverrides, ignoreErrors, false);
    }

    public CsvOptions {
        nullValues = List.copyOf(nullValues);
        schemaOverrides = List.copyOf(schemaOverrides);
        if (inferSchemaLength < 0) {
            throw new IllegalArgumentException("inferSchemaLength must be >= 0");
        }
    }

    public CsvOptions withHasHeader(boolean value) {
        return new CsvOptions(value, delimiter, quote, nullValues, inferSchemaLength, schemaOverrides, ignoreErrors, tryParseDates);
    }

    public CsvOptions withDelimiter(char value) {
        return new CsvOptions(hasHeader, value, quote, nullValues, inferSchemaLength, schemaOverrides, ignoreErrors, tryParseDates);
    }

    public CsvOptions withQuote(char value) {
        return new CsvOptions(hasHeader, delimiter, value, nullValues, inferSchemaLength, schemaOverrides, ignoreErrors, tryParseDates);
    }

    public CsvOptions withNullValues(List<String> value) {
        return new CsvOptions(hasHeader, delimiter, quote, value, inferSchemaLength, schemaOverrides, ignoreErrors, tryParseDates);
    }

    public CsvOptions withInferSchemaLength(int value) {
        return new CsvOptions(hasHeader, delimiter, quote, nullValues, value, schemaOverrides, ignoreErrors, tryParseDates);
    }

    public CsvOptions withSchemaOverrides(List<Field> value) {
        return new CsvOptions(hasHeader, delimiter, quote, nullValues, inferSchemaLength, value, ignoreErrors, tryParseDates);
    }

    /** Whether inference reads ISO dates as dates (DuckDB does; Polars only when asked). */
    public CsvOptions withTryParseDates(boolean value) {
        return new CsvOptions(hasHeader, delimiter, quote, nullValues, inferSchemaLength, schemaOverrides, ignoreErrors, value);
    }

    public CsvOptions withIgnoreErrors(boolean value) {
        return new CsvOptions(hasHeader, delimiter, quote, nullValues, inferSchemaLength, schemaOverrides, value, tryParseDates);
    }
}
