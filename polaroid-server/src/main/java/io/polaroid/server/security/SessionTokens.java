package io.polaroid.server.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Bearer tokens the basic-auth handshake hands out: {@code polaroid-session.<principal>.<expiry>.<mac>},
 * signed with the internal secret, so any server of the cluster can check one without a store.
 */
final class SessionTokens {
    static final String PREFIX = "polaroid-session.";

    private final InternalSecret secret;
    private final Duration ttl;

    SessionTokens(InternalSecret secret, Duration ttl) {
        this.secret = secret;
        this.ttl = ttl;
    }

    String issue(String principal) {
        String body = Hmac.base64(principal.getBytes(StandardCharsets.UTF_8)) + "." + (System.currentTimeMillis() + ttl.toMillis());
        return PREFIX + body + "." + secret.sign("session-v1\n" + body);
    }

    /** The principal of a valid, unexpired session token, or null. */
    String principal(String token) {
        if (!token.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = token.substring(PREFIX.length()).split("\\.");
        if (parts.length != 3) {
            return null;
        }
        String body = parts[0] + "." + parts[1];
        try {
            if (!secret.verify("session-v1\n" + body, parts[2]) || Long.parseLong(parts[1]) < System.currentTimeMillis()) {
                return null;
            }
            return new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
