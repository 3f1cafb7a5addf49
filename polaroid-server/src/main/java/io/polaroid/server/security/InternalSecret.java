package io.polaroid.server.security;

import io.polaroid.server.config.Role;
import io.polaroid.server.config.SecurityProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret the servers of one cluster share, and what derives from it: the internal credential
 * that coordinator-worker and worker-worker calls carry, digests that bind a ticket to the
 * credential allowed to redeem it, and the signatures of tickets and session tokens.
 */
public final class InternalSecret {
    private static final Logger log = LoggerFactory.getLogger(InternalSecret.class);
    static final String INTERNAL_PREFIX = "polaroid-internal.";

    private final Hmac hmac;
    private final String credential;

    /** The secret itself, as configured (at least 16 characters). */
    public static InternalSecret of(String secret) {
        return new InternalSecret(secret);
    }

    InternalSecret(String secret) {
        if (secret.length() < 16) {
            throw new IllegalArgumentException("polaroid.security.internal-secret must have at least 16 characters");
        }
        this.hmac = new Hmac(secret.getBytes(StandardCharsets.UTF_8));
        this.credential = "Bearer " + INTERNAL_PREFIX + hmac.sign("internal-credential-v1");
    }

    /**
     * The secret as configured: the property, else its file; a coordinator (or standalone server)
     * with neither generates one into the file, and a worker without one cannot start.
     */
    public static InternalSecret resolve(SecurityProperties props, Role role) {
        if (props.internalSecret() != null && !props.internalSecret().isBlank()) {
            return new InternalSecret(props.internalSecret().trim());
        }
        if (Files.exists(props.internalSecretFile())) {
            return new InternalSecret(SecretFiles.read(props.internalSecretFile()));
        }
        if (role == Role.WORKER) {
            throw new IllegalStateException("authentication is on (polaroid.security.auth=token) and this worker has no internal "
                    + "secret: set POLAROID_SECURITY_INTERNALSECRET (or polaroid.security.internal-secret-file) to the "
                    + "coordinator's, or polaroid.security.auth=none on every server of a closed network");
        }
        String secret = SecretFiles.readOrCreate(props.internalSecretFile());
        log.info("generated the cluster's internal secret into {}: give workers the same file or its content "
                + "(POLAROID_SECURITY_INTERNALSECRET)", props.internalSecretFile());
        return new InternalSecret(secret);
    }

    /** The {@code authorization} header value of calls between the servers. */
    public String credential() {
        return credential;
    }

    public boolean isInternal(String authorization) {
        return authorization != null && Hmac.equal(authorization, credential);
    }

    /** What a ticket carries instead of the credential allowed to redeem it. */
    public String digest(String authorization) {
        return hmac.sign("credential-v1\n" + (authorization == null ? "" : authorization));
    }

    String sign(String message) {
        return hmac.sign(message);
    }

    boolean verify(String message, String mac) {
        return hmac.verify(message, mac);
    }
}
