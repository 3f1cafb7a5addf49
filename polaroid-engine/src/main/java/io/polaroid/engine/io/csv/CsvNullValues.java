package io.polaroid.engine.io.csv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Which fields are null, the way Polars decides: an unquoted field that is empty or spells one of
 * the null values; a quoted empty field ({@code ""}) is an empty string in a text column and null
 * in any other. A quoted null value stays text, so a writer can keep the string "NA" apart from a
 * null by quoting it.
 */
final class CsvNullValues {
    private final byte[][] values;

    CsvNullValues(List<String> nullValues) {
        values = new byte[nullValues.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = nullValues.get(i).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Whether field {@code field} of {@code record} is null in a column that is text or not. */
    boolean isNull(CsvRecord record, int field, boolean textColumn) {
        if (record.isEmpty(field)) {
            return !textColumn || !record.isQuoted(field);
        }
        return !record.isQuoted(field) && isNullValue(record.bytes(), record.start(field), record.end(field));
    }

    /** Whether an unquoted text would read back as null, so a writer must quote it. */
    boolean isNullValue(byte[] bytes, int start, int end) {
        for (byte[] value : values) {
            if (value.length == end - start && Arrays.equals(value, 0, value.length, bytes, start, end)) {
                return true;
            }
        }
        return false;
    }
}
