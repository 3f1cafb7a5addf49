package io.polaroid.engine.io;

/** Turns scans into data sources: reads their schemas and lists their files. */
public interface SourceResolver {
    DataSource resolve(ScanSpec scan);

    /** Rows the client sent along, as an Arrow IPC stream. */
    DataSource resolve(byte[] arrowIpc);
}
