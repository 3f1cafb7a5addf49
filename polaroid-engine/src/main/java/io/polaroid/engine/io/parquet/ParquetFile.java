package io.polaroid.engine.io.parquet;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.io.IOException;
import io.polaroid.engine.io.fs.FileSystems;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/** One Parquet file and its footer, read when the plan is analyzed (or found in the {@link FooterCache}). */
record ParquetFile(FileStatus status, ParquetMetadata footer) {

    static ParquetFile open(FileStatus status, FileSystems files) {
        ParquetMetadata cached = FooterCache.get(status);
        if (cached != null) {
            return new ParquetFile(status, cached);
        }
        try (ParquetFileReader reader = ParquetFileReader.open(new FileSystemInputFile(files, status))) {
            FooterCache.put(status, reader.getFooter());
            return new ParquetFile(status, reader.getFooter());
        } catch (IOException | RuntimeException e) {
            throw new PolaroidException(ErrorCode.INVALID_DATA, "cannot read Parquet file " + status.getPath()
                    + ": " + files.mask(e.getMessage()), e);
        }
    }

    /** The file's columns: its Parquet schema, with the zones and durations its Arrow schema names. */
    io.polaroid.engine.types.Schema schema() {
        return ArrowSchemaHint.apply(ParquetSchemas.toPolaroid(footer.getFileMetaData().getSchema()),
                footer.getFileMetaData().getKeyValueMetaData());
    }

    String path() {
        return status.getPath().toString();
    }
}
