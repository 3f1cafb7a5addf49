package io.polaroid.engine.io.parquet;

import io.polaroid.engine.error.PolaroidException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/** A footer in Parquet's own Thrift encoding, as it is in the file: how a coordinator hands one to a worker. */
public final class FooterBytes {
    private static final ParquetMetadataConverter CONVERTER = new ParquetMetadataConverter();

    private FooterBytes() {
    }

    public static byte[] write(ParquetMetadata footer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            Util.writeFileMetaData(CONVERTER.toParquetMetadata(ParquetFileWriter.CURRENT_VERSION, footer), out);
        } catch (IOException e) {
            throw PolaroidException.internal("cannot encode a Parquet footer: " + e.getMessage());
        }
        return out.toByteArray();
    }

    public static ParquetMetadata read(byte[] bytes) {
        try {
            return CONVERTER.readParquetMetadata(new ByteArrayInputStream(bytes), ParquetMetadataConverter.NO_FILTER);
        } catch (IOException | RuntimeException e) {
            throw PolaroidException.internal("cannot decode a Parquet footer sent by the coordinator: " + e.getMessage());
        }
    }
}
