package io.polaroid.engine.io.fs;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hadoop.fs.Path;

/**
 * Turns a path as a user wrote it into a Hadoop {@link Path}, rejecting what no file system
 * should see with INVALID_PLAN naming the path: control characters, strings that are not a path
 * or URI, and {@code file:} URIs that name a host or a relative path (Hadoop would fail on them
 * later with an exception that says nothing to the user).
 */
final class UserPaths {
    private UserPaths() {
    }

    /** {@code asWritten} as the Hadoop path the file systems are asked about. */
    static Path parse(String asWritten) {
        if (asWritten == null || asWritten.isEmpty()) {
            throw invalid("''", "is empty");
        }
        for (int i = 0; i < asWritten.length(); i++) {
            char c = asWritten.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw invalid(printable(asWritten), String.format("contains the control character U+%04X", (int) c));
            }
        }
        Path path;
        try {
            path = new Path(asWritten);
        } catch (IllegalArgumentException e) {
            String reason = e.getCause() instanceof URISyntaxException u ? ": " + u.getReason() : "";
            throw invalid(asWritten, "is not a valid path or URI" + reason);
        }
        URI uri = path.toUri();
        boolean local = uri.getScheme() == null || "file".equals(uri.getScheme());
        if (local && uri.getAuthority() != null && !uri.getAuthority().isEmpty()) {
            throw invalid(asWritten, "names the host '" + uri.getAuthority()
                    + "'; a local file is written /dir/file or file:///dir/file");
        }
        return path;
    }

    /**
     * {@code path} qualified the way the file system qualifies it: local paths get the
     * {@code file} scheme and are made absolute against the working directory.
     */
    static Path qualified(Path path) {
        URI uri = path.toUri();
        if (uri.getScheme() != null && !"file".equals(uri.getScheme())) {
            return path;
        }
        String local = uri.getPath();
        return new Path("file", null, local.startsWith("/") ? local : new File(local).getAbsolutePath());
    }

    private static PolaroidException invalid(String shown, String problem) {
        return new PolaroidException(ErrorCode.INVALID_PLAN, "path " + shown + " " + problem);
    }

    /** The path with control characters written as {@code \\uXXXX}, so a message stays one readable line. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
