package io.polaroid.engine.io.parquet;

import java.util.Objects;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How {@link ParquetWriter} lays out a file. {@link #DEFAULT}: Snappy, row groups of about 16 MiB
 * and pages of about 1 MiB before compression, dictionary encoding on. Smaller row groups let
 * readers skip more by statistics and split files across more threads; larger ones compress better.
 *
 * @param compression   the codec of every column chunk
 * @param rowGroupBytes a row group is closed once its buffered, encoded size reaches this
 * @param pageBytes     a page is closed once its encoded size reaches this
 * @param dictionary    whether columns start dictionary encoded (each falls back to plain encoding
 *                      by itself when its dictionary grows past a page)
 */
public record ParquetWriteOptions(CompressionCodecName compression, long rowGroupBytes, int pageBytes, boolean dictionary) {
    public static final long DEFAULT_ROW_GROUP_BYTES = 16L << 20;
    public static final int DEFAULT_PAGE_BYTES = 1 << 20;
    public static final ParquetWriteOptions DEFAULT =
            new ParquetWriteOptions(CompressionCodecName.SNAPPY, DEFAULT_ROW_GROUP_BYTES, DEFAULT_PAGE_BYTES, true);

    public ParquetWriteOptions {
        Objects.requireNonNull(compression, "compression");
        if (rowGroupBytes < 1) {
            throw new IllegalArgumentException("rowGroupBytes must be >= 1");
        }
        if (pageBytes < 1) {
            throw new IllegalArgumentException("pageBytes must be >= 1");
        }
    }

    public ParquetWriteOptions withCompression(CompressionCodecName value) {
        return new ParquetWriteOptions(value, rowGroupBytes, pageBytes, dictionary);
    }

    public ParquetWriteOptions withRowGroupBytes(long value) {
        return new ParquetWriteOptions(compression, value, pageBytes, dictionary);
    }

    public ParquetWriteOptions withPageBytes(int value) {
        return new ParquetWriteOptions(compression, rowGroupBytes, value, dictionary);
    }

    public ParquetWriteOptions withDictionary(boolean value) {
        return new ParquetWriteOptions(compression, rowGroupBytes, pageBytes, value);
    }
}
