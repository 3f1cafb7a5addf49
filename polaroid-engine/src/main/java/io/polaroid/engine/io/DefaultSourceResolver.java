package io.polaroid.engine.io;

import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.io.csv.CsvSource;
import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.io.parquet.ParquetSource;

/** Sources for every scan format, on the engine's file systems. */
public final class DefaultSourceResolver implements SourceResolver {
    private final FileSystems files;

    public DefaultSourceResolver(FileSystems files) {
        this.files = files;
    }

    @Override
    public DataSource resolve(PlanNode.Scan scan) {
        return switch (scan.format()) {
            case PARQUET -> new ParquetSource(scan.paths(), files);
            case CSV -> new CsvSource(scan.paths(), scan.csv(), files);
            case IPC -> throw PolaroidException.notSupported("Arrow IPC scans");
        };
    }

    @Override
    public DataSource resolve(PlanNode.InMemory rows) {
        throw PolaroidException.notSupported("in-memory tables");
    }
}
