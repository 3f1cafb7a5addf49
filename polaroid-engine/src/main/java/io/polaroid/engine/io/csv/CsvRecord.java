package io.polaroid.engine.io.csv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One record as {@link CsvTokenizer} found it: the kept fields' bytes back to back, already
 * unquoted and unescaped, with where each field starts and ends. The arrays are reused from record
 * to record so that reading a file allocates nothing per row.
 */
final class CsvRecord {
    private byte[] bytes = new byte[1024];
    private int length;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private boolean[] quoted = new boolean[16];
    private int fieldCount;
    private long line;
    private int unterminatedField = -1;

    void begin(long startLine) {
        length = 0;
        fieldCount = 0;
        unterminatedField = -1;
        line = startLine;
    }

    void startField(int field) {
        if (field >= starts.length) {
            int size = Math.max(field + 1, starts.length * 2);
            starts = Arrays.copyOf(starts, size);
            ends = Arrays.copyOf(ends, size);
            quoted = Arrays.copyOf(quoted, size);
        }
        starts[field] = length;
        ends[field] = length;
        quoted[field] = false;
    }

    void endField(int field, boolean wasQuoted) {
        ends[field] = length;
        quoted[field] = wasQuoted;
    }

    void append(byte[] src, int offset, int count) {
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + count, bytes.length * 2));
        }
        System.arraycopy(src, offset, bytes, length, count);
        length += count;
    }

    void append(byte b) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = b;
    }

    void end(int fields, int unterminated) {
        fieldCount = fields;
        unterminatedField = unterminated;
    }

    /** The buffer the kept fields live in; valid until the next record is read. */
    byte[] bytes() {
        return bytes;
    }

    int start(int field) {
        return starts[field];
    }

    int end(int field) {
        return ends[field];
    }

    boolean isQuoted(int field) {
        return quoted[field];
    }

    boolean isEmpty(int field) {
        return starts[field] == ends[field];
    }

    /** All fields of the record, kept or not. */
    int fieldCount() {
        return fieldCount;
    }

    /** The 1-based line of the file on which the record starts. */
    long line() {
        return line;
    }

    /** The field whose opening quote is never closed (the record then runs to the end of the file), or -1. */
    int unterminatedField() {
        return unterminatedField;
    }

    String text(int field) {
        return new String(bytes, starts[field], ends[field] - starts[field], StandardCharsets.UTF_8);
    }
}
