package io.polaroid.engine.io.csv;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The INVALID_DATA errors of one file, all in the form {@code file:line: column 'name': problem},
 * so that a user can open the file at the line and see the field.
 */
final class CsvErrors {
    /** Longer values are cut in messages: a runaway quoted field can hold the rest of a file. */
    private static final int MAX_QUOTED_TEXT = 60;

    private final String file;
    private final List<String> columns;

    /** {@code columns}: the names of the file's fields, in file order. */
    CsvErrors(String file, List<String> columns) {
        this.file = file;
        this.columns = columns;
    }

    PolaroidException at(long line, String problem) {
        return new PolaroidException(ErrorCode.INVALID_DATA, file + ":" + line + ": " + problem);
    }

    PolaroidException at(long line, int field, String problem) {
        return at(line, column(field) + ": " + problem);
    }

    PolaroidException cannotParse(long line, int field, byte[] bytes, int start, int end, DataType type) {
        String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
        if (text.length() > MAX_QUOTED_TEXT) {
            text = text.substring(0, MAX_QUOTED_TEXT) + "...";
        }
        return at(line, field, "cannot parse '" + text + "' as " + type);
    }

    PolaroidException wrongFieldCount(long line, int found) {
        int expected = columns.size();
        if (found < expected) {
            return at(line, found, "missing: the row has " + found + " of the " + expected + " fields " + columns);
        }
        return at(line, expected, "unexpected: the row has " + found + " fields, not " + expected + " " + columns);
    }

    private String column(int field) {
        return field < columns.size() ? "column '" + columns.get(field) + "'" : "column " + (field + 1);
    }
}
