package io.polaroid.engine.io.parquet;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.io.IOException;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.types.Schema;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * One Parquet file, its footer (read when the plan is analyzed, or found in the {@link FooterCache})
 * and its columns: the Parquet schema with the zones and durations its Arrow schema names, worked
 * out once per file rather than per row group.
 */
record ParquetFile(FileStatus status, ParquetMetadata footer, Schema schema) {

    static ParquetFile open(FileStatus status, FileSystems files) {
        ParquetMetadata footer = FooterCache.get(status);
        if (footer == null) {
            try (ParquetFileReader reader = ParquetFileReader.open(new FileSystemInputFile(files, status))) {
                FooterCache.countRead();
                footer = reader.getFooter();
                FooterCache.put(status, footer);
            } catch (IOException | RuntimeException e) {
                throw new PolaroidException(ErrorCode.INVALID_DATA, "cannot read Parquet file " + status.getPath()
                        + ": " + files.mask(e.getMessage()), e);
            }
        }
        return of(status, footer);
    }

    /** A file whose footer the caller has. */
    static ParquetFile of(FileStatus status, ParquetMetadata footer) {
        return new ParquetFile(status, footer, columns(status, footer));
    }

    /** A column Polaroid cannot read fails naming the file too. */
    private static Schema columns(FileStatus status, ParquetMetadata footer) {
        try {
            return ArrowSchemaHint.apply(ParquetSchemas.toPolaroid(footer.getFileMetaData().getSchema()),
                    footer.getFileMetaData().getKeyValueMetaData());
        } catch (PolaroidException e) {
            throw new PolaroidException(e.code(), e.getMessage() + " (in " + status.getPath() + ")", e);
        }
    }

    String path() {
        return status.getPath().toString();
    }
}
