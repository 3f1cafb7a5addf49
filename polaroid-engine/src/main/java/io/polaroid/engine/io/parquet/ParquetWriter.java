package io.polaroid.engine.io.parquet;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Writes batches as one Parquet file through parquet-mr, with the types of
 * {@link ParquetSchemas#toParquet(Schema)} and nothing else in the footer: no Arrow schema, so the
 * file is read by its Parquet types alone, by us as by DuckDB or Spark. A write that fails removes
 * the partial file rather than leave one that looks complete.
 */
public final class ParquetWriter {
    /** Codecs whose implementation is on the class path (LZO, Brotli and Hadoop's LZ4 need native or extra jars). */
    private static final Set<CompressionCodecName> AVAILABLE_CODECS = EnumSet.of(CompressionCodecName.UNCOMPRESSED,
            CompressionCodecName.SNAPPY, CompressionCodecName.GZIP, CompressionCodecName.ZSTD, CompressionCodecName.LZ4_RAW);

    private ParquetWriter() {
    }

    public static void write(Schema schema, Iterable<Batch> batches, String path, FileSystems files) {
        write(schema, batches, path, files, ParquetWriteOptions.DEFAULT);
    }

    /**
     * Writes {@code batches} (columns in {@code schema}'s order) to {@code path}, creating its
     * folder and replacing a file that is there. The batches stay open: the caller owns them.
     */
    public static void write(Schema schema, Iterable<Batch> batches, String path, FileSystems files,
                             ParquetWriteOptions options) {
        if (!AVAILABLE_CODECS.contains(options.compression())) {
            throw PolaroidException.notSupported("cannot write " + path + " compressed with " + options.compression()
                    + ": its codec is not available; use one of " + AVAILABLE_CODECS);
        }
        BatchWriteSupport support = new BatchWriteSupport(schema, ParquetSchemas.toParquet(schema));
        Path target = new Path(path);
        FileSystem fs = files.fileSystem(target);
        org.apache.parquet.hadoop.ParquetWriter<BatchWriteSupport.Row> writer;
        try {
            if (target.getParent() != null) {
                fs.mkdirs(target.getParent());
            }
            writer = new Builder(HadoopOutputFile.fromPath(target, files.conf()), support)
                    .withConf(files.conf())
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withCompressionCodec(options.compression())
                    .withRowGroupSize(options.rowGroupBytes())
                    .withPageSize(options.pageBytes())
                    .withDictionaryEncoding(options.dictionary())
                    .build();
        } catch (IOException e) {
            throw ioError(path, e);
        }
        // From here on the file is ours: a failure deletes it.
        try (writer) {
            BatchWriteSupport.Row row = new BatchWriteSupport.Row();
            for (Batch batch : batches) {
                check(schema, batch, path);
                row.batch = batch;
                for (row.index = 0; row.index < batch.rowCount(); row.index++) {
                    writer.write(row);
                }
            }
        } catch (IOException e) {
            deletePartial(fs, target, e);
            throw ioError(path, e);
        } catch (RuntimeException e) {
            deletePartial(fs, target, e);
            throw e instanceof PolaroidException p ? p
                    : new PolaroidException(ErrorCode.IO_ERROR, "cannot write " + path + ": " + e, e);
        }
    }

    private static PolaroidException ioError(String path, IOException e) {
        return new PolaroidException(ErrorCode.IO_ERROR, "cannot write " + path + ": " + e.getMessage(), e);
    }

    /** Checked before any row of the batch is written, so that a null in a REQUIRED column fails naming the column. */
    private static void check(Schema schema, Batch batch, String path) {
        if (batch.columnCount() != schema.size()) {
            throw PolaroidException.internal("a batch of " + batch.columnCount() + " columns written as Parquet of schema "
                    + schema);
        }
        for (int c = 0; c < schema.size(); c++) {
            Field field = schema.field(c);
            if (!field.nullable() && Vectors.hasNulls(batch.column(c))) {
                throw new PolaroidException(ErrorCode.INVALID_VALUE, "cannot write " + path + ": column '" + field.name()
                        + "' is not nullable (REQUIRED in Parquet) but holds a null");
            }
        }
    }

    private static void deletePartial(FileSystem fs, Path target, Exception failure) {
        try {
            fs.delete(target, false);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** parquet-mr's builder, which only needs to be told how to write a row. */
    private static final class Builder extends org.apache.parquet.hadoop.ParquetWriter.Builder<BatchWriteSupport.Row, Builder> {
        private final BatchWriteSupport support;

        Builder(OutputFile file, BatchWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<BatchWriteSupport.Row> getWriteSupport(Configuration conf) {
            return support;
        }
    }
}
