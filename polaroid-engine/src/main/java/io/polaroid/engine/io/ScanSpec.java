package io.polaroid.engine.io;

import io.polaroid.engine.dsl.CsvOptions;
import io.polaroid.engine.dsl.ScanFormat;
import io.polaroid.engine.dsl.StorageOptions;
import java.util.List;

/** What one scan reads: its files, their format and options. Analysis makes it from a plan's scan. */
public record ScanSpec(ScanFormat format, List<String> paths, CsvOptions csv, StorageOptions storageOptions) {
}
