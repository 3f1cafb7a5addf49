package io.polaroid.engine.io.csv;

import io.polaroid.engine.dsl.CsvOptions;
import io.polaroid.engine.io.IoTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the CSV tests share beyond {@link IoTestBase}: CSV text written to files in the temporary
 * folder, and sources over them.
 */
abstract class CsvTestBase extends IoTestBase {
    /** Writes {@code text} to {@code name} under the temporary folder (sub-folders allowed); returns its path. */
    String file(String name, String text) throws IOException {
        Path path = dir.resolve(name);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text, StandardCharsets.UTF_8);
        return path.toString();
    }

    CsvSource source(String path, CsvOptions options) {
        return new CsvSource(List.of(path), options, files);
    }
}
