package io.polaroid.server.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Turns a client's {@code authorization} header into a principal: {@code Bearer} with a static
 * token or a session token from the handshake, or {@code Basic} with a user of the users file.
 */
final class Authenticator {
    private final ClientTokens tokens;
    private final Users users;
    private final SessionTokens sessions;

    Authenticator(ClientTokens tokens, Users users, SessionTokens sessions) {
        this.tokens = tokens;
        this.users = users;
        this.sessions = sessions;
    }

    /** The principal, or null when the credential is missing, malformed or wrong. */
    String principal(String authorization) {
        if (authorization == null) {
            return null;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            return token.startsWith(SessionTokens.PREFIX) ? sessions.principal(token) : tokens.principal(token);
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0 && users.check(pair.substring(0, colon), pair.substring(colon + 1))) {
                    return pair.substring(0, colon);
                }
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
        return null;
    }

    String session(String principal) {
        return "Bearer " + sessions.issue(principal);
    }
}
