package io.polaroid.engine.io.parquet;

import io.polaroid.engine.io.fs.FileSystems;
import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet file opened through the scan's {@link FileSystems} (Parquet's own {@code HadoopInputFile}
 * would go through Hadoop's shared cache, and so past a scan's own storage options).
 */
record FileSystemInputFile(FileSystems files, FileStatus status) implements InputFile {
    @Override
    public long getLength() {
        return status.getLen();
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        return HadoopStreams.wrap(files.fileSystem(status.getPath()).open(status.getPath()));
    }
}
