package io.polaroid.engine.io.fs;

import org.apache.hadoop.fs.Path;

/**
 * Decides which paths the engine may ask a file system about. {@link FileSystems} applies it to
 * the path a user wrote before the file system sees it, to every folder before listing it (also
 * the folders a glob walks through) and to every file a scan finds, so a server can confine reads
 * to its data roots without trusting a check made on the path string alone: globs, folder scans
 * and symbolic links are only known once the file system answers.
 */
@FunctionalInterface
public interface PathGuard {
    /** Lets every path through: local mode reads whatever the user can. */
    PathGuard ALLOW_ALL = (asWritten, path) -> { };

    /**
     * Returns if the file system may be asked about {@code path}, else throws a
     * {@link io.polaroid.engine.error.PolaroidException} whose message names {@code asWritten}.
     * The answer must not depend on whether the path exists where it is not allowed, or the
     * error would tell an attacker what exists outside.
     *
     * @param asWritten the path or glob of the scan, as the user wrote it, for messages
     * @param path      the path about to be used, qualified ({@code file:/...}, {@code s3a://bucket/...}),
     *                  with {@code ..} already resolved the way the Hadoop file system resolves it
     */
    void check(String asWritten, Path path);
}
