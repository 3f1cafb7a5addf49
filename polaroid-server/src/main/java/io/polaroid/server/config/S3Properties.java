package io.polaroid.server.config;

import io.polaroid.engine.io.fs.S3Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code polaroid.s3.*}: the S3 (or S3-compatible) store that {@code s3a://} paths name. Unset
 * values come from the standard AWS environment variables ({@code AWS_ENDPOINT_URL},
 * {@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}).
 *
 * @param endpoint        the store's URL, e.g. {@code http://minio:9000}; env {@code POLAROID_S3_ENDPOINT}
 * @param region          the signing region; env {@code POLAROID_S3_REGION}
 * @param pathStyleAccess bucket in the path, not the host name (most S3-compatible stores);
 *                        env {@code POLAROID_S3_PATHSTYLEACCESS}
 * @param accessKey       the access key id, when not from the AWS environment; env {@code POLAROID_S3_ACCESSKEY}
 * @param secretKey       its secret; env {@code POLAROID_S3_SECRETKEY}
 */
@ConfigurationProperties(prefix = "polaroid.s3")
public record S3Properties(String endpoint, String region, Boolean pathStyleAccess, String accessKey, String secretKey) {
    public S3Settings settings() {
        return new S3Settings(endpoint, region, pathStyleAccess, accessKey, secretKey);
    }
}
