package io.polaroid.server.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code polaroid.data.*}: what a plan may read.
 *
 * @param roots local folders and {@code s3a://bucket/prefix} URIs; a plan that names a path
 *              outside all of them fails with PERMISSION_DENIED. Default: {@code ./data}, where
 *              {@code make data} puts the demo data.
 */
@ConfigurationProperties(prefix = "polaroid.data")
public record DataProperties(List<String> roots) {
    public DataProperties {
        roots = roots == null || roots.isEmpty() ? List.of("data") : List.copyOf(roots);
    }
}
