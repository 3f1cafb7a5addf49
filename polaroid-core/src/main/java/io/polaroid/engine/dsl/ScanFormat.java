package io.polaroid.engine.dsl;

/** File formats a scan reads. */
public enum ScanFormat {
    PARQUET, CSV, IPC
}
