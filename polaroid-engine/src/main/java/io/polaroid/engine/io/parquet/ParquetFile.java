package io.polaroid.engine.io.parquet;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** One Parquet file and its footer, read when the plan is analyzed (or found in the {@link FooterCache}). */
record ParquetFile(FileStatus status, ParquetMetadata footer) {

    static ParquetFile open(FileStatus status, Configuration conf) {
        ParquetMetadata cached = FooterCache.get(status);
        if (cached != null) {
            return new ParquetFile(status, cached);
        }
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(status, conf))) {
            FooterCache.put(status, reader.getFooter());
            return new ParquetFile(status, reader.getFooter());
        } catch (IOException | RuntimeException e) {
            throw new PolaroidException(ErrorCode.INVALID_DATA, "cannot read Parquet file " + status.getPath()
                    + ": " + e.getMessage(), e);
        }
    }

    String path() {
        return status.getPath().toString();
    }
}
