package io.polaroid.engine.io.fs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where and how to reach S3 (or an S3-compatible store), turned into S3A's Hadoop settings. Each
 * value left null falls back to the standard AWS environment variable: {@code AWS_ENDPOINT_URL_S3}
 * or {@code AWS_ENDPOINT_URL}, {@code AWS_REGION} or {@code AWS_DEFAULT_REGION}. Credentials left
 * null are found by S3A's own chain ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY},
 * then the instance's role).
 *
 * @param endpoint        e.g. {@code http://127.0.0.1:9000}; {@code http:} turns TLS off
 * @param region          the signing region; {@code us-east-1} when an endpoint is set without one
 * @param pathStyleAccess {@code http://host/bucket/key} instead of {@code http://bucket.host/key},
 *                        as most S3-compatible stores want
 */
public record S3Settings(String endpoint, String region, Boolean pathStyleAccess, String accessKey, String secretKey) {
    public static final S3Settings NONE = new S3Settings(null, null, null, null, null);

    /** The Hadoop settings ({@code fs.s3a.*}) for these values, with {@code env} filling what is unset. */
    public Map<String, String> hadoopSettings(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        String end = firstSet(endpoint, env.get("AWS_ENDPOINT_URL_S3"), env.get("AWS_ENDPOINT_URL"));
        String reg = firstSet(region, env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"));
        if (end != null) {
            out.put("fs.s3a.endpoint", end);
            if (end.startsWith("http://")) {
                out.put("fs.s3a.connection.ssl.enabled", "false");
            }
            if (reg == null) {
                reg = "us-east-1";
            }
        }
        if (reg != null) {
            out.put("fs.s3a.endpoint.region", reg);
        }
        if (pathStyleAccess != null) {
            out.put("fs.s3a.path.style.access", pathStyleAccess.toString());
        }
        if (accessKey != null && !accessKey.isBlank()) {
            out.put("fs.s3a.access.key", accessKey);
        }
        if (secretKey != null && !secretKey.isBlank()) {
            out.put("fs.s3a.secret.key", secretKey);
        }
        return out;
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    /** From system properties {@code polaroid.s3.endpoint}, {@code .region}, {@code .path-style-access}, {@code .access-key}, {@code .secret-key}. */
    public static S3Settings fromSystemProperties() {
        String pathStyle = System.getProperty("polaroid.s3.path-style-access");
        return new S3Settings(System.getProperty("polaroid.s3.endpoint"), System.getProperty("polaroid.s3.region"),
                pathStyle == null ? null : Boolean.valueOf(pathStyle), System.getProperty("polaroid.s3.access-key"),
                System.getProperty("polaroid.s3.secret-key"));
    }
}
