package io.polaroid.engine.io.parquet;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.kernels.Utf8Writer;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Bits;
import io.polaroid.engine.vector.Vectors;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import io.polaroid.engine.io.filter.ColumnTest;

/**
 * Reads one column chunk of a row group, page after page, into Arrow vectors: definition levels
 * become the validity bitmap run by run, and values go through a bulk {@link ValueDecoder}. Values
 * of a page with nulls are decoded densely and then moved out to their rows, back to front.
 */
final class ColumnChunkDecoder implements AutoCloseable {
    private final ColumnDescriptor descriptor;
    private final PageReader pages;
    private final DataType target;
    private final boolean optional;
    private final FieldVector dictionary;
    private final StringDictionary strings;
    private final BufferAllocator allocator;
    /** The filter's answer for each dictionary entry (1 passes), computed at the first dictionary page. */
    private byte[] verdicts;
    private int pageLeft;
    private RleBitPackedDecoder levels;
    private ValueDecoder values;

    ColumnChunkDecoder(ColumnDescriptor descriptor, PageReader pages, DataType target, BufferAllocator allocator) {
        this.descriptor = descriptor;
        this.pages = pages;
        this.target = target;
        if (descriptor.getMaxRepetitionLevel() > 0 || descriptor.getMaxDefinitionLevel() > 1) {
            throw PolaroidException.notSupported("nested column " + String.join(".", descriptor.getPath()));
        }
        this.optional = descriptor.getMaxDefinitionLevel() == 1;
        this.allocator = allocator;
        DictionaryPage dict = pages.readDictionaryPage();
        this.dictionary = dict == null ? null : decodeDictionary(dict, allocator);
        this.strings = dictionary instanceof BaseVariableWidthVector v ? new StringDictionary(v) : null;
    }

    private FieldVector decodeDictionary(DictionaryPage page, BufferAllocator allocator) {
        int size = page.getDictionarySize();
        Slice bytes = slice(page.getBytes());
        PlainDecoder plain = new PlainDecoder(bytes.data, bytes.start, descriptor.getPrimitiveType().getPrimitiveTypeName(),
                target, descriptor.getPrimitiveType().getTypeLength());
        if (target.kind().isVarBytes()) {
            Utf8Writer writer = new Utf8Writer(target, size, bytes.end - bytes.start, allocator);
            try {
                plain.decodeStrings(writer, 0, size, null);
                return writer.finish();
            } catch (RuntimeException | Error e) {
                writer.closeOnError();
                throw e;
            }
        }
        FieldVector v = Vectors.allocate(target, "dictionary", size, allocator);
        try {
            plain.decodeFixed(v, 0, size);
            v.setValueCount(size);
            return v;
        } catch (RuntimeException | Error e) {
            v.close();
            throw e;
        }
    }

    /** A byte array range holding a page's bytes, without copying where the buffer allows it. */
    private record Slice(byte[] data, int start, int end) {
    }

    private static Slice slice(BytesInput input) {
        try {
            ByteBuffer bb = input.toByteBuffer();
            if (bb.hasArray()) {
                int start = bb.arrayOffset() + bb.position();
                return new Slice(bb.array(), start, start + bb.remaining());
            }
            byte[] copy = new byte[bb.remaining()];
            bb.get(copy);
            return new Slice(copy, 0, copy.length);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read a page: " + e.getMessage(), e);
        }
    }

    private void nextPage() {
        DataPage page = pages.readPage();
        if (page == null) {
            throw new IllegalStateException("column chunk ends before the row group does");
        }
        open(page);
    }

    /** Makes {@code page} the one the next values come from. */
    private void open(DataPage page) {
        pageLeft = page.getValueCount();
        Slice data;
        Encoding encoding;
        if (page instanceof DataPageV1 v1) {
            data = slice(v1.getBytes());
            int pos = data.start;
            if (optional) {
                int len = (int) PlainDecoder.INT.get(data.data, pos);
                levels = new RleBitPackedDecoder(data.data, pos + 4, pos + 4 + len, 1);
                pos += 4 + len;
            }
            data = new Slice(data.data, pos, data.end);
            encoding = v1.getValueEncoding();
        } else {
            DataPageV2 v2 = (DataPageV2) page;
            if (optional) {
                Slice def = slice(v2.getDefinitionLevels());
                levels = new RleBitPackedDecoder(def.data, def.start, def.end, 1);
            }
            data = slice(v2.getData());
            encoding = v2.getDataEncoding();
        }
        if (encoding.usesDictionary()) {
            if (dictionary == null) {
                throw new IllegalStateException("a dictionary-encoded page without a dictionary");
            }
            values = new DictionaryDecoder(dictionary, strings, data.data, data.start, data.end,
                    values instanceof DictionaryDecoder previous ? previous : null);
        } else if (encoding == Encoding.PLAIN) {
            values = new PlainDecoder(data.data, data.start, descriptor.getPrimitiveType().getPrimitiveTypeName(), target,
                    descriptor.getPrimitiveType().getTypeLength());
        } else {
            values = new FallbackDecoder(encoding, descriptor, target, data.data, data.start, data.end, pageLeft);
        }
    }

    /** Reads the next {@code n} values of a fixed-width or boolean column into {@code out} (allocated for n rows). */
    void readFixed(FieldVector out, int n) {
        long[] valid = new long[Bits.words(n)];
        int done = 0;
        while (done < n) {
            if (pageLeft == 0) {
                nextPage();
            }
            int k = Math.min(n - done, pageLeft);
            int nonNull;
            if (optional) {
                nonNull = levels.readValidity(valid, done, k);
            } else {
                RleBitPackedDecoder.setRange(valid, done, k);
                nonNull = k;
            }
            values.decodeFixed(out, done, nonNull);
            if (nonNull < k) {
                spread(out, done, k, nonNull, valid);
            }
            pageLeft -= k;
            done += k;
        }
        ArrowBuf validity = out.getValidityBuffer();
        for (int w = 0; w < valid.length; w++) {
            validity.setLong((long) w << 3, valid[w]);
        }
        out.setValueCount(n);
        toNanos(out, n);
    }

    private boolean convertsTime() {
        return target.kind() == io.polaroid.engine.types.TypeKind.TIME && ParquetSchemas.isMicrosTime(descriptor.getPrimitiveType());
    }

    /** A time of day stored in microseconds becomes Polaroid's nanoseconds. */
    private void toNanos(FieldVector out, int n) {
        if (!convertsTime()) {
            return;
        }
        ArrowBuf data = out.getDataBuffer();
        for (int r = 0; r < n; r++) {
            data.setLong((long) r << 3, data.getLong((long) r << 3) * 1000L);
        }
    }

    /** Moves {@code nonNull} dense values at rows {@code at..} out to the valid rows of {@code at .. at+k)}. */
    private static void spread(FieldVector out, int at, int k, int nonNull, long[] valid) {
        ArrowBuf data = out.getDataBuffer();
        int width = out instanceof BaseFixedWidthVector f ? f.getTypeWidth() : 0;
        int j = at + nonNull - 1;
        for (int r = at + k - 1; r >= at && j >= at; r--) {
            if ((valid[r >>> 6] & (1L << r)) == 0) {
                continue;
            }
            if (j != r) {
                if (width > 0) {
                    data.setBytes((long) r * width, data, (long) j * width, width);
                } else if (BitVectorHelper.get(data, j) != 0) {
                    BitVectorHelper.setBit(data, r);
                } else {
                    BitVectorHelper.unsetBit(data, r);
                }
            }
            j--;
        }
    }

    /** Appends the next {@code n} values of a string column to {@code out}. */
    void readStrings(Utf8Writer out, int n) {
        long[] valid = optional ? new long[Bits.words(n)] : null;
        int done = 0;
        while (done < n) {
            if (pageLeft == 0) {
                nextPage();
            }
            int k = Math.min(n - done, pageLeft);
            if (optional) {
                levels.readValidity(valid, done, k);
            }
            values.decodeStrings(out, done, k, valid);
            pageLeft -= k;
            done += k;
        }
    }

    /**
     * Reads rows {@code sel[0 .. m)} (increasing, below n) of the next {@code n} rows of a
     * fixed-width or boolean column into {@code out} (allocated for m rows); the other rows are
     * passed over without being decoded where the encoding allows it.
     */
    void readFixed(FieldVector out, int n, int[] sel, int m) {
        long[] outValid = new long[Bits.words(m)];
        readSelected(n, sel, m, outValid, (dense, from, count, total) -> values.gatherFixed(out, from, dense, count, total));
        ArrowBuf validity = out.getValidityBuffer();
        for (int w = 0; w < outValid.length; w++) {
            validity.setLong((long) w << 3, outValid[w]);
        }
        out.setValueCount(m);
        toNanos(out, m);
    }

    /** Appends rows {@code sel[0 .. m)} (increasing, below n) of the next {@code n} rows of a string column to {@code out}. */
    void readStrings(Utf8Writer out, int n, int[] sel, int m) {
        readSelected(n, sel, m, null, (dense, from, count, total) -> values.gatherStrings(out, dense, count, total));
    }

    /** Passes over the next {@code n} rows. */
    void skip(int n) {
        readSelected(n, new int[0], 0, null, (dense, from, count, total) -> values.skip(total));
    }

    /**
     * Moves to row {@code row} of the row group before any value is read, where a morsel starts
     * inside it: whole pages before it are dropped undecoded, the rest of its page as {@link #skip}.
     * Pages read whole start at the row group's first row; pages read for a slice of it
     * ({@code readFilteredRowGroup}) say where each starts, and the first may start well after.
     */
    void skipRows(long row) {
        long at = 0;
        while (at < row) {
            DataPage page = pages.readPage();
            if (page == null) {
                throw new IllegalStateException("column chunk ends before the row group does");
            }
            long first = page.getFirstRowIndex().orElse(at);
            if (first > row) {
                throw new IllegalStateException("the page read for row " + row + " starts at row " + first);
            }
            at = first + page.getValueCount();
            if (at > row) {
                open(page);
                skip((int) (row - first));
            }
        }
    }

    /** Takes the chosen values of one page's part: {@code dense[0 .. count)} for output rows {@code from ..}, of {@code total} values. */
    private interface Gather {
        void take(int[] dense, int from, int count, int total);
    }

    /**
     * Walks the next {@code n} rows page by page; for each page's part, turns the selected rows
     * into positions among the page's non-null values (-1 for a null row), sets their bits in
     * {@code outValid} (when given), and hands them to {@code gather}.
     */
    private void readSelected(int n, int[] sel, int m, long[] outValid, Gather gather) {
        long[] valid = optional ? new long[Bits.words(n)] : null;
        int[] dense = new int[0];
        int done = 0;
        int s = 0;
        while (done < n) {
            if (pageLeft == 0) {
                nextPage();
            }
            int k = Math.min(n - done, pageLeft);
            // the chosen rows in this page's part: all that are left when the batch ends in it
            int end = done + k == n ? m : s;
            while (end < m && sel[end] < done + k) {
                end++;
            }
            boolean positionsAreRows = !optional && done == 0;
            if (!positionsAreRows && dense.length < end - s) {
                dense = new int[end - s];
            }
            int[] chosen = dense;
            int nonNull = k;
            if (optional) {
                nonNull = levels.readValidity(valid, done, k);
                int rank = 0;
                int row = done;
                for (int j = s; j < end; j++) {
                    int r = sel[j];
                    rank += Bits.countRange(valid, row, r);
                    row = r;
                    boolean present = (valid[r >>> 6] & (1L << r)) != 0;
                    dense[j - s] = present ? rank : -1;
                    if (present && outValid != null) {
                        outValid[j >>> 6] |= 1L << j;
                    }
                }
            } else {
                if (positionsAreRows) {
                    // the batch starts in this page: a row's position in the page part is the row
                    chosen = sel;
                } else {
                    for (int j = s; j < end; j++) {
                        dense[j - s] = sel[j] - done;
                    }
                }
                if (outValid != null) {
                    RleBitPackedDecoder.setRange(outValid, s, end - s);
                }
            }
            gather.take(chosen, s, end - s, nonNull);
            pageLeft -= k;
            done += k;
            s = end;
        }
    }

    /**
     * Runs {@code test} on the next {@code n} values without decoding them where the pages are
     * dictionary-encoded (the test runs once per dictionary entry): clears the {@code pass} bit of
     * each row that is null or fails. When {@code codes} is given, also keeps each row's entry in
     * {@code codes[0 .. n)} (-1 for a null row), for {@link #entries}: every data page must then
     * be dictionary-encoded, and {@link #testsEntries} hold.
     */
    void readTest(ColumnTest test, int n, long[] pass, int[] codes) {
        if (!testsEntries()) {
            if (codes != null) {
                throw new IllegalStateException(String.join(".", descriptor.getPath()) + " cannot be tested by its entries");
            }
            try (FieldVector v = Vectors.allocate(target, "tested", n, allocator)) {
                readFixed(v, n);
                test.andTest(v, n, pass, 0);
            }
            return;
        }
        long[] valid = optional ? new long[Bits.words(n)] : null;
        int done = 0;
        while (done < n) {
            if (pageLeft == 0) {
                nextPage();
            }
            int k = Math.min(n - done, pageLeft);
            int nonNull = k;
            if (optional) {
                nonNull = levels.readValidity(valid, done, k);
            }
            if (values instanceof DictionaryDecoder d) {
                if (verdicts == null) {
                    verdicts = test.verdicts(dictionary, dictionary.getValueCount());
                }
                d.test(verdicts, done, k, nonNull == k ? null : valid, pass, codes);
            } else if (codes != null) {
                throw new IllegalStateException("a page of " + String.join(".", descriptor.getPath())
                        + " is not dictionary-encoded, though the footer says every page is");
            } else {
                testDecoded(test, done, k, nonNull == k ? null : valid, pass);
            }
            pageLeft -= k;
            done += k;
        }
    }

    /**
     * Whether the dictionary holds the values as they are returned, so a test can run on its
     * entries: not so for times stored in microseconds, converted as they are read.
     */
    boolean testsEntries() {
        return !convertsTime();
    }

    /** A new vector of the dictionary entries {@code keys[0 .. m)} (null where negative). */
    FieldVector entries(int[] keys, int m) {
        if (strings != null) {
            Utf8Writer w = new Utf8Writer(target, m, 16L * m, allocator);
            try {
                strings.appendTo(w, keys, m);
                return w.finish();
            } catch (RuntimeException | Error e) {
                w.closeOnError();
                throw e;
            }
        }
        FieldVector out = Vectors.allocate(target, dictionary.getName(), m, allocator);
        try {
            ArrowBuf from = dictionary.getDataBuffer();
            ArrowBuf to = out.getDataBuffer();
            long[] valid = new long[Bits.words(m)];
            switch (((BaseFixedWidthVector) dictionary).getTypeWidth()) {
                case 4 -> {
                    for (int i = 0; i < m; i++) {
                        int key = keys[i];
                        to.setInt((long) i << 2, from.getInt((long) Math.max(key, 0) << 2));
                        valid[i >>> 6] |= (long) (~key >>> 31) << i;
                    }
                }
                case 8 -> {
                    for (int i = 0; i < m; i++) {
                        int key = keys[i];
                        to.setLong((long) i << 3, from.getLong((long) Math.max(key, 0) << 3));
                        valid[i >>> 6] |= (long) (~key >>> 31) << i;
                    }
                }
                case 16 -> {
                    for (int i = 0; i < m; i++) {
                        int key = keys[i];
                        long src = (long) Math.max(key, 0) << 4;
                        to.setLong((long) i << 4, from.getLong(src));
                        to.setLong(((long) i << 4) + 8, from.getLong(src + 8));
                        valid[i >>> 6] |= (long) (~key >>> 31) << i;
                    }
                }
                default -> {
                    int width = ((BaseFixedWidthVector) dictionary).getTypeWidth();
                    for (int i = 0; i < m; i++) {
                        int key = keys[i];
                        if (key >= 0) {
                            to.setBytes((long) i * width, from, (long) key * width, width);
                            valid[i >>> 6] |= 1L << i;
                        }
                    }
                }
            }
            ArrowBuf validity = out.getValidityBuffer();
            for (int w = 0; w < valid.length; w++) {
                validity.setLong((long) w << 3, valid[w]);
            }
            out.setValueCount(m);
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }

    /** A page that is not dictionary-encoded: decode its values, then test each. */
    private void testDecoded(ColumnTest test, int at, int k, long[] valid, long[] pass) {
        long[] shifted = null;
        int nonNull = k;
        if (valid != null) {
            shifted = new long[Bits.words(k)];
            nonNull = 0;
            for (int j = 0; j < k; j++) {
                if ((valid[(at + j) >>> 6] & (1L << (at + j))) != 0) {
                    shifted[j >>> 6] |= 1L << j;
                    nonNull++;
                }
            }
        }
        if (target.kind().isVarBytes()) {
            try (FieldVector strings = decodeInto(new Utf8Writer(k, 16L * k, allocator), k, shifted)) {
                test.andTest(strings, k, pass, at);
            }
            return;
        }
        try (FieldVector v = Vectors.allocate(target, "tested", k, allocator)) {
            values.decodeFixed(v, 0, nonNull);
            if (nonNull < k) {
                spread(v, 0, k, nonNull, shifted);
            }
            ArrowBuf validity = v.getValidityBuffer();
            for (int j = 0; j < k; j++) {
                if (shifted == null || (shifted[j >>> 6] & (1L << j)) != 0) {
                    BitVectorHelper.setBit(validity, j);
                }
            }
            v.setValueCount(k);
            test.andTest(v, k, pass, at);
        }
    }

    private FieldVector decodeInto(Utf8Writer w, int k, long[] valid) {
        try {
            values.decodeStrings(w, 0, k, valid);
            return w.finish();
        } catch (RuntimeException | Error e) {
            w.closeOnError();
            throw e;
        }
    }

    @Override
    public void close() {
        if (dictionary != null) {
            dictionary.close();
        }
    }
}
