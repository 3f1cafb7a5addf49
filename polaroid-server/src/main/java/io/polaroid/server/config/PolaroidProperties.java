package io.polaroid.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code polaroid.*}: what this process is.
 *
 * @param role coordinator, worker or standalone (both in one process); env {@code POLAROID_ROLE}
 */
@ConfigurationProperties(prefix = "polaroid")
public record PolaroidProperties(Role role) {
    public PolaroidProperties {
        role = role == null ? Role.STANDALONE : role;
    }
}
