package io.polaroid.server.common;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A data root in an object store, {@code s3a://bucket/prefix}: a key is inside when the bucket is
 * the same and the key's segments begin with the prefix's. Keys are names, not paths, so a key
 * with a {@code .} or {@code ..} segment (also inside a brace glob or percent-encoded) or an empty
 * segment ({@code a//b}) is refused outright: stores and HTTP layers differ in whether they
 * resolve them, and Hadoop's Path would resolve them before the store sees the key.
 */
record ObjectStorePrefix(String scheme, String bucket, List<String> segments) {
    static final Set<String> SCHEMES = Set.of("s3a", "s3");

    static boolean isObjectStore(String root) {
        int colon = root.indexOf("://");
        return colon > 0 && SCHEMES.contains(root.substring(0, colon));
    }

    static ObjectStorePrefix parse(String root) {
        URI uri = URI.create(root);
        if (uri.getHost() == null || !clean(rawKey(root))) {
            throw new IllegalArgumentException("data root " + root + " is not s3a://bucket/prefix with a plain key prefix");
        }
        return new ObjectStorePrefix(uri.getScheme(), uri.getHost(), segmentsOf(uri.getPath()));
    }

    /**
     * Whether the scan path {@code asWritten}, now at {@code path} (qualified, as Hadoop resolved
     * it), is under this prefix.
     */
    boolean contains(String asWritten, URI path) {
        if (!scheme.equals(path.getScheme()) || !bucket.equals(path.getAuthority()) || !clean(rawKey(asWritten))) {
            return false;
        }
        List<String> key = segmentsOf(path.getPath());
        return key.size() >= segments.size() && key.subList(0, segments.size()).equals(segments)
                && key.stream().noneMatch(ObjectStorePrefix::isDotSegment);
    }

    /** The key part of {@code scheme://bucket/key} as written, before any resolution. */
    private static String rawKey(String uri) {
        int authority = uri.indexOf("://");
        String rest = authority < 0 ? uri : uri.substring(authority + 3);
        int slash = rest.indexOf('/');
        return slash < 0 ? "" : rest.substring(slash + 1);
    }

    /** No empty segment but a trailing one, and no dot segment, also inside braces or encoded. */
    private static boolean clean(String key) {
        if (key.isEmpty()) {
            return true;
        }
        String[] parts = key.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() && i < parts.length - 1) {
                return false;
            }
            for (String alternative : parts[i].split("[{},]", -1)) {
                if (isDotSegment(alternative) || isDotSegment(percentDecoded(alternative))
                        || isDotSegment(alternative.replace("\\", ""))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isDotSegment(String s) {
        return s.equals(".") || s.equals("..");
    }

    private static List<String> segmentsOf(String path) {
        return Arrays.stream(path == null ? new String[0] : path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    private static String percentDecoded(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
