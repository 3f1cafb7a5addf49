package io.polaroid.engine.io.fs;

import org.apache.hadoop.fs.Path;

/**
 * A file a scan found for one of its paths. {@code display} is how messages name it: the path as
 * the user wrote it when they named the file itself, else the path found by listing a folder or a
 * glob (without the {@code file:} scheme for local files).
 */
public record ListedFile(Path path, String display, long length) {
}
