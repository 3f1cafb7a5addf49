package io.polaroid.engine.io.csv;

import io.polaroid.engine.dsl.CsvOptions;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decides a file's column names and types from its header and first rows, as Polars does: each
 * column gets the narrowest type that every non-null sampled value parses as, among bool, i64,
 * f64 and date, else str. Rows that are malformed are left out of the vote; reading them reports
 * the error with its line. Inference reads through the same parser as reading, so a column always
 * reads as the type it was given.
 */
final class CsvSchemaInference {
    private static final int BOOL = 1;
    private static final int INT = 2;
    private static final int FLOAT = 4;
    private static final int DATE = 8;
    private static final int ANY = BOOL | INT | FLOAT | DATE;

    /** The schema, and the sample's size in bytes and rows for a row-count estimate. */
    record Result(Schema schema, long headerBytes, long sampleRows, long sampleBytes) {
    }

    private CsvSchemaInference() {
    }

    static Result infer(CsvTokenizer tokenizer, CsvFile file, CsvOptions options) throws IOException {
        CsvRecord record = new CsvRecord();
        List<String> names = null;
        if (options.hasHeader()) {
            if (!tokenizer.next(record, null)) {
                throw empty(file);
            }
            names = headerNames(record);
        }
        long headerBytes = tokenizer.position();
        CsvValueParser parser = new CsvValueParser();
        CsvNullValues nulls = new CsvNullValues(options.nullValues());
        int[] candidates = null;
        boolean[] voted = null;
        long rows = 0;
        while (rows < options.inferSchemaLength() && tokenizer.next(record, null)) {
            rows++;
            if (names == null) {
                names = defaultNames(record.fieldCount());
            }
            if (candidates == null) {
                candidates = new int[names.size()];
                Arrays.fill(candidates, ANY);
                voted = new boolean[names.size()];
            }
            if (record.unterminatedField() >= 0 || record.fieldCount() != names.size()) {
                continue;
            }
            for (int f = 0; f < names.size(); f++) {
                if (!nulls.isNull(record, f, false)) {
                    candidates[f] &= candidates(parser, record, f, options.tryParseDates());
                    voted[f] = true;
                }
            }
        }
        long sampleBytes = tokenizer.position() - headerBytes;
        if (names == null) {
            // No header and no sample: the first row still tells how many columns there are.
            if (!tokenizer.next(record, null)) {
                throw empty(file);
            }
            names = defaultNames(record.fieldCount());
        }
        List<Field> fields = new ArrayList<>(names.size());
        for (int f = 0; f < names.size(); f++) {
            DataType type = voted != null && voted[f] ? narrowest(candidates[f]) : DataType.UTF8;
            fields.add(Field.of(names.get(f), type));
        }
        return new Result(new Schema(fields), headerBytes, rows, sampleBytes);
    }

    /** The header's names; an empty one becomes {@code column_N}, N counting from 1. */
    static List<String> headerNames(CsvRecord header) {
        List<String> names = new ArrayList<>(header.fieldCount());
        for (int f = 0; f < header.fieldCount(); f++) {
            String name = header.text(f);
            names.add(name.isEmpty() ? defaultName(f) : name);
        }
        return names;
    }

    private static List<String> defaultNames(int count) {
        List<String> names = new ArrayList<>(count);
        for (int f = 0; f < count; f++) {
            names.add(defaultName(f));
        }
        return names;
    }

    private static String defaultName(int field) {
        return "column_" + (field + 1);
    }

    private static int candidates(CsvValueParser parser, CsvRecord record, int field, boolean dates) {
        byte[] b = record.bytes();
        int start = record.start(field);
        int end = record.end(field);
        int types = 0;
        if (parser.parseBool(b, start, end)) {
            types |= BOOL;
        }
        if (parser.parseLong(b, start, end)) {
            types |= INT | FLOAT;
        } else if (parser.parseDouble(b, start, end)) {
            types |= FLOAT;
        }
        if (dates && parser.parseDate(b, start, end)) {
            types |= DATE;
        }
        return types;
    }

    private static DataType narrowest(int candidates) {
        if ((candidates & BOOL) != 0) {
            return DataType.BOOL;
        }
        if ((candidates & INT) != 0) {
            return DataType.INT64;
        }
        if ((candidates & FLOAT) != 0) {
            return DataType.FLOAT64;
        }
        if ((candidates & DATE) != 0) {
            return DataType.DATE32;
        }
        return DataType.UTF8;
    }

    private static PolaroidException empty(CsvFile file) {
        return new PolaroidException(ErrorCode.INVALID_DATA, file + " is empty: there is no row to take the columns from");
    }
}
