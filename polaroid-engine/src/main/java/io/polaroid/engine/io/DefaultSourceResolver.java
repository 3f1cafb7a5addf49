package io.polaroid.engine.io;

import io.polaroid.engine.io.csv.CsvSource;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.io.ipc.IpcSource;
import io.polaroid.engine.io.ipc.MemorySource;
import io.polaroid.engine.io.parquet.ParquetSource;

/** Sources for every scan format, on the engine's file systems. */
public final class DefaultSourceResolver implements SourceResolver {
    private final FileSystems files;

    public DefaultSourceResolver(FileSystems files) {
        this.files = files;
    }

    @Override
    public DataSource resolve(ScanSpec scan) {
        scan.storageOptions().check(scan.paths());
        FileSystems files = this.files.forScan(scan.storageOptions());
        return switch (scan.format()) {
            case PARQUET -> new ParquetSource(scan.paths(), files);
            case CSV -> new CsvSource(scan.paths(), scan.csv(), files);
            case IPC -> new IpcSource(scan.paths(), files);
        };
    }

    @Override
    public DataSource resolve(byte[] arrowIpc) {
        return new MemorySource(arrowIpc);
    }
}
