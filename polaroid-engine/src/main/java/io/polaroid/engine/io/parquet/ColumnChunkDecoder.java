package io.polaroid.engine.io.parquet;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.physical.expr.Utf8Writer;
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
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;

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
    private final BufferAllocator allocator;
    private boolean[] verdicts;
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
    }

    private FieldVector decodeDictionary(DictionaryPage page, BufferAllocator allocator) {
        int size = page.getDictionarySize();
        Slice bytes = slice(page.getBytes());
        PlainDecoder plain = new PlainDecoder(bytes.data, bytes.start, descriptor.getPrimitiveType().getPrimitiveTypeName(),
                target, descriptor.getPrimitiveType().getTypeLength());
        if (target.kind() == TypeKind.UTF8) {
            Utf8Writer writer = new Utf8Writer(size, bytes.end - bytes.start, allocator);
            try {
                plain.decodeStrings(writer, 0, size, null);
                return writer.finish();
            } catch (RuntimeException e) {
                writer.closeOnError();
                throw e;
            }
        }
        FieldVector v = Vectors.allocate(target, "dictionary", size, allocator);
        try {
            plain.decodeFixed(v, 0, size);
            v.setValueCount(size);
            return v;
        } catch (RuntimeException e) {
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
            values = new DictionaryDecoder(dictionary, data.data, data.start, data.end);
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
     * Runs {@code test} on the next {@code n} values of a string column without materializing
     * them where the pages are dictionary-encoded (the test runs once per dictionary entry):
     * clears the {@code pass} bit of each row that is null or fails.
     */
    void readTest(io.polaroid.engine.io.filter.StringTest test, int n, long[] pass) {
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
            if (values instanceof DictionaryDecoder d) {
                d.test(verdicts(test), done, k, valid, pass);
            } else {
                testDecoded(test, done, k, valid, pass);
            }
            pageLeft -= k;
            done += k;
        }
    }

    private boolean[] verdicts(io.polaroid.engine.io.filter.StringTest test) {
        if (verdicts == null) {
            int size = dictionary.getValueCount();
            verdicts = new boolean[size];
            org.apache.arrow.memory.ArrowBuf offsets = ((org.apache.arrow.vector.BaseVariableWidthVector) dictionary).getOffsetBuffer();
            for (int i = 0; i < size; i++) {
                int start = offsets.getInt((long) i << 2);
                verdicts[i] = test.test(dictionary.getDataBuffer(), start, offsets.getInt((long) (i + 1) << 2) - start);
            }
        }
        return verdicts;
    }

    /** A plain page: decode its strings, then test each. */
    private void testDecoded(io.polaroid.engine.io.filter.StringTest test, int at, int k, long[] valid, long[] pass) {
        Utf8Writer w = new Utf8Writer(k, 16L * k, allocator);
        long[] shifted = null;
        if (valid != null) {
            shifted = new long[Bits.words(k)];
            for (int j = 0; j < k; j++) {
                if ((valid[(at + j) >>> 6] & (1L << (at + j))) != 0) {
                    shifted[j >>> 6] |= 1L << j;
                }
            }
        }
        try (FieldVector strings = decodeInto(w, k, shifted)) {
            org.apache.arrow.memory.ArrowBuf offsets = ((org.apache.arrow.vector.BaseVariableWidthVector) strings).getOffsetBuffer();
            for (int j = 0; j < k; j++) {
                int start = offsets.getInt((long) j << 2);
                int len = offsets.getInt((long) (j + 1) << 2) - start;
                if (strings.isNull(j) || !test.test(strings.getDataBuffer(), start, len)) {
                    pass[(at + j) >>> 6] &= ~(1L << (at + j));
                }
            }
        }
    }

    private FieldVector decodeInto(Utf8Writer w, int k, long[] valid) {
        try {
            values.decodeStrings(w, 0, k, valid);
            return w.finish();
        } catch (RuntimeException e) {
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
