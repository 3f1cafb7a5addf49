package io.polaroid.engine.io.parquet;

import io.polaroid.engine.kernels.Utf8Writer;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Dictionary-encoded values: the page holds indices (RLE / bit-packed) into the column chunk's
 * dictionary, which was decoded once into a vector of the target type; values are gathered
 * from it with a copy per value.
 */
final class DictionaryDecoder extends ValueDecoder {
    private final FieldVector dictionary;
    private final StringDictionary strings;
    private final RleBitPackedDecoder indices;
    private int[] scratch = new int[0];
    private int[] keys = new int[0];

    /**
     * {@code strings} is the heap copy of a string dictionary, null for other types; the scratch
     * arrays of {@code previous}, the chunk's decoder of the page before (or null), are reused.
     */
    DictionaryDecoder(FieldVector dictionary, StringDictionary strings, byte[] data, int pos, int end,
                      DictionaryDecoder previous) {
        this.dictionary = dictionary;
        this.strings = strings;
        int bitWidth = data[pos] & 0xFF;
        this.indices = new RleBitPackedDecoder(data, pos + 1, end, bitWidth);
        if (previous != null) {
            this.scratch = previous.scratch;
            this.keys = previous.keys;
        }
    }

    private int[] indices(int n) {
        if (scratch.length < n) {
            scratch = new int[Math.max(n, 1024)];
        }
        indices.read(scratch, 0, n);
        return scratch;
    }

    @Override
    void decodeFixed(FieldVector out, int at, int count) {
        int[] idx = indices(count);
        ArrowBuf d = dictionary.getDataBuffer();
        ArrowBuf o = out.getDataBuffer();
        if (!(dictionary instanceof BaseFixedWidthVector)) {
            for (int i = 0; i < count; i++) {
                if (BitVectorHelper.get(d, idx[i]) != 0) {
                    BitVectorHelper.setBit(o, at + i);
                }
            }
            return;
        }
        switch (((BaseFixedWidthVector) dictionary).getTypeWidth()) {
            case 4 -> {
                for (int i = 0; i < count; i++) {
                    o.setInt((long) (at + i) << 2, d.getInt((long) idx[i] << 2));
                }
            }
            case 8 -> {
                for (int i = 0; i < count; i++) {
                    o.setLong((long) (at + i) << 3, d.getLong((long) idx[i] << 3));
                }
            }
            case 16 -> {
                for (int i = 0; i < count; i++) {
                    long src = (long) idx[i] << 4;
                    o.setLong((long) (at + i) << 4, d.getLong(src));
                    o.setLong(((long) (at + i) << 4) + 8, d.getLong(src + 8));
                }
            }
            case 2 -> {
                for (int i = 0; i < count; i++) {
                    o.setShort((long) (at + i) << 1, d.getShort((long) idx[i] << 1));
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    o.setByte(at + i, d.getByte(idx[i]));
                }
            }
        }
    }

    @Override
    void gatherFixed(FieldVector out, int outAt, int[] dense, int m, int total) {
        if (total == 0) {
            return; // every chosen row is null
        }
        int[] idx = indices(total);
        ArrowBuf d = dictionary.getDataBuffer();
        ArrowBuf o = out.getDataBuffer();
        int width = dictionary instanceof BaseFixedWidthVector f ? f.getTypeWidth() : 0;
        // a null row (dense < 0) takes entry 0's value, under a clear validity bit
        switch (width) {
            case 4 -> {
                for (int j = 0; j < m; j++) {
                    int v = dense[j];
                    o.setInt((long) (outAt + j) << 2, d.getInt((long) idx[Math.max(v, 0)] << 2));
                }
            }
            case 8 -> {
                for (int j = 0; j < m; j++) {
                    int v = dense[j];
                    o.setLong((long) (outAt + j) << 3, d.getLong((long) idx[Math.max(v, 0)] << 3));
                }
            }
            case 16 -> {
                for (int j = 0; j < m; j++) {
                    long src = (long) idx[Math.max(dense[j], 0)] << 4;
                    long row = (long) (outAt + j) << 4;
                    o.setLong(row, d.getLong(src));
                    o.setLong(row + 8, d.getLong(src + 8));
                }
            }
            default -> {
                for (int j = 0; j < m; j++) {
                    int v = dense[j];
                    if (v < 0) {
                        continue;
                    }
                    long src = idx[v];
                    long row = outAt + j;
                    switch (width) {
                        case 2 -> o.setShort(row << 1, d.getShort(src << 1));
                        case 1 -> o.setByte(row, d.getByte(src));
                        default -> {
                            if (BitVectorHelper.get(d, (int) src) != 0) {
                                BitVectorHelper.setBit(o, row);
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    void skip(int count) {
        indices(count);
    }

    /**
     * Clears the {@code pass} bit of every row of {@code at .. at+k)} that is null or whose
     * dictionary entry failed: {@code verdicts[i]} is the test's answer for entry i (1 passes).
     * When {@code codes} is given, keeps each row's entry in {@code codes[r]}, -1 where the row is
     * null.
     */
    void test(byte[] verdicts, int at, int k, long[] valid, long[] pass, int[] codes) {
        if (valid == null) {
            int[] idx = indices(k);
            if (codes != null) {
                System.arraycopy(idx, 0, codes, at, k);
            }
            andVerdicts(verdicts, idx, at, k, pass);
            return;
        }
        int nonNull = 0;
        for (int r = at; r < at + k; r++) {
            nonNull += isSet(valid, r) ? 1 : 0;
        }
        int[] idx = indices(nonNull);
        int j = 0;
        for (int r = at; r < at + k; r++) {
            int code = isSet(valid, r) ? idx[j++] : -1;
            if (codes != null) {
                codes[r] = code;
            }
            if (code < 0 || verdicts[code] == 0) {
                pass[r >>> 6] &= ~(1L << r);
            }
        }
    }

    /** Rows {@code at .. at+k)}, none null, with entries {@code idx[0 .. k)}: a word of failures at a time, without branches. */
    private static void andVerdicts(byte[] verdicts, int[] idx, int at, int k, long[] pass) {
        int r = at;
        int end = at + k;
        int j = 0;
        while (r < end) {
            int word = r >>> 6;
            int stop = Math.min(end, (word + 1) << 6);
            long failed = 0;
            for (; r < stop; r++, j++) {
                failed |= (long) (verdicts[idx[j]] ^ 1) << r;
            }
            pass[word] &= ~failed;
        }
    }

    @Override
    void decodeStrings(Utf8Writer out, int at, int k, long[] valid) {
        int nonNull = 0;
        for (int r = at; r < at + k; r++) {
            nonNull += isSet(valid, r) ? 1 : 0;
        }
        int[] idx = indices(nonNull);
        if (nonNull < k) {
            int[] rows = keys(k);
            int j = 0;
            for (int r = at; r < at + k; r++) {
                rows[r - at] = isSet(valid, r) ? idx[j++] : -1;
            }
            idx = rows;
        }
        strings.appendTo(out, idx, k);
    }

    @Override
    void gatherStrings(Utf8Writer out, int[] dense, int m, int total) {
        int[] idx = indices(total);
        int[] rows = keys(m);
        for (int j = 0; j < m; j++) {
            rows[j] = dense[j] < 0 ? -1 : idx[dense[j]];
        }
        strings.appendTo(out, rows, m);
    }

    private int[] keys(int n) {
        if (keys.length < n) {
            keys = new int[Math.max(n, 1024)];
        }
        return keys;
    }
}
