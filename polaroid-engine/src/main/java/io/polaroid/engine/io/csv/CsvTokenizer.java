package io.polaroid.engine.io.csv;

import io.polaroid.engine.error.PolaroidException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into records as RFC 4180 describes them: a quoted field may hold
 * delimiters, line ends and doubled quotes; lines end with {@code \n} or {@code \r\n}; the last
 * line may lack its line end. Empty lines are skipped and a UTF-8 byte order mark at the start is
 * ignored. It works on bytes, not characters, because the delimiter and the quote are ASCII and
 * UTF-8 never uses ASCII bytes inside a multi-byte character; so strings can go to Arrow as the
 * bytes they are. Fields the caller does not keep are scanned but not copied.
 *
 * <p>It is lenient where RFC 4180 is silent: a quote inside an unquoted field, or text after a
 * closing quote, is kept as text.
 */
final class CsvTokenizer implements AutoCloseable {
    private static final int BUFFER_SIZE = 1 << 16;
    private static final int DELIMITER = 0;
    private static final int LINE_END = 1;
    private static final int INPUT_END = 2;
    private static final int UNTERMINATED = 3;

    private final InputStream in;
    private final byte delimiter;
    private final byte quote;
    private final byte[] buf = new byte[BUFFER_SIZE];
    private int pos;
    private int limit;
    /** Offset in the file of {@code buf[0]}. */
    private long bufferStart;
    /** The 1-based line of the byte at {@code pos}. */
    private long line = 1;

    CsvTokenizer(InputStream in, char delimiter, char quote) throws IOException {
        checkOptions(delimiter, quote);
        this.in = in;
        this.delimiter = (byte) delimiter;
        this.quote = (byte) quote;
        skipByteOrderMark();
    }

    /** Rejects a delimiter or quote this byte-level tokenizer cannot handle. */
    static void checkOptions(char delimiter, char quote) {
        checkAscii("delimiter", delimiter);
        checkAscii("quote", quote);
        if (delimiter == quote) {
            throw PolaroidException.invalidPlan("the CSV delimiter and quote must differ, both are '" + delimiter + "'");
        }
    }

    private static void checkAscii(String what, char c) {
        if (c == 0 || c > 127 || c == '\n' || c == '\r') {
            throw PolaroidException.invalidPlan("the CSV " + what + " must be an ASCII character other than a line end, not U+"
                    + String.format("%04X", (int) c));
        }
    }

    /** Bytes consumed so far, byte order mark included. */
    long position() {
        return bufferStart + pos;
    }

    /**
     * Reads the next non-empty record into {@code record}, copying the fields whose flag in
     * {@code keep} is set ({@code null} keeps all). Returns false at the end of the input.
     */
    boolean next(CsvRecord record, boolean[] keep) throws IOException {
        if (!skipEmptyLines()) {
            return false;
        }
        record.begin(line);
        int field = 0;
        while (true) {
            boolean store = keep == null || field < keep.length && keep[field];
            int end = readField(record, store, field);
            field++;
            if (end != DELIMITER) {
                record.end(field, end == UNTERMINATED ? field - 1 : -1);
                return true;
            }
        }
    }

    private boolean skipEmptyLines() throws IOException {
        while (ensure()) {
            byte c = buf[pos];
            if (c != '\n' && c != '\r') {
                return true;
            }
            pos++;
            endLine(c);
        }
        return false;
    }

    private int readField(CsvRecord record, boolean store, int field) throws IOException {
        if (store) {
            record.startField(field);
        }
        boolean quoted = ensure() && buf[pos] == quote;
        int end;
        if (quoted) {
            pos++;
            end = readQuoted(record, store) ? readUnquoted(record, store) : UNTERMINATED;
        } else {
            end = readUnquoted(record, store);
        }
        if (store) {
            record.endField(field, quoted);
        }
        return end;
    }

    /** Reads a quoted field's text through its closing quote; false if the input ends first. */
    private boolean readQuoted(CsvRecord record, boolean store) throws IOException {
        while (ensure()) {
            int start = pos;
            while (pos < limit && buf[pos] != quote) {
                if (buf[pos] == '\n') {
                    line++;
                }
                pos++;
            }
            if (store && pos > start) {
                record.append(buf, start, pos - start);
            }
            if (pos == limit) {
                continue;
            }
            pos++;
            if (!ensure() || buf[pos] != quote) {
                return true;
            }
            if (store) {
                record.append(quote);
            }
            pos++;
        }
        return false;
    }

    /** Reads up to the end of the field and consumes what ends it. */
    private int readUnquoted(CsvRecord record, boolean store) throws IOException {
        while (ensure()) {
            int start = pos;
            while (pos < limit) {
                byte c = buf[pos];
                if (c == delimiter || c == '\n' || c == '\r') {
                    break;
                }
                pos++;
            }
            if (store && pos > start) {
                record.append(buf, start, pos - start);
            }
            if (pos == limit) {
                continue;
            }
            byte c = buf[pos++];
            if (c == delimiter) {
                return DELIMITER;
            }
            endLine(c);
            return LINE_END;
        }
        return INPUT_END;
    }

    /** After a consumed {@code \n} or {@code \r}: a {@code \r\n} pair is one line end. */
    private void endLine(byte c) throws IOException {
        if (c == '\r' && ensure() && buf[pos] == '\n') {
            pos++;
        }
        line++;
    }

    private boolean ensure() throws IOException {
        return pos < limit || fill();
    }

    private boolean fill() throws IOException {
        bufferStart += limit;
        pos = 0;
        limit = 0;
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        limit = n;
        return true;
    }

    private void skipByteOrderMark() throws IOException {
        while (limit < 3) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                break;
            }
            limit += n;
        }
        if (limit >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
            pos = 3;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
