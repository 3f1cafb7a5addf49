package io.polaroid.server.security;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.server.common.Tickets;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Signed Flight tickets: {@code queryId/stage/task/attempt/partition|expiry|holder|mac}, where
 * {@code holder} is the digest of the one credential allowed to redeem it (the client that ran
 * the query, or the cluster's internal credential for shuffle partitions; for a handshake's
 * session token, any session of its principal) and the MAC, made with
 * the internal secret, covers the rest. A worker redeems only an unaltered, unexpired ticket
 * presented with that credential; every refusal says the same thing, and nothing about the
 * partition. With authentication off tickets are plain.
 */
public final class TicketSigner {
    private static final String REFUSED = "the ticket is not valid for this caller, or it has expired";

    private final InternalSecret secret;

    /** {@code secret}: null when authentication is off. */
    public TicketSigner(InternalSecret secret) {
        this.secret = secret;
    }

    /** A ticket for {@code t} that only {@code holderCredential} can redeem, until {@code expiry}. */
    public byte[] sign(Tickets t, String holderCredential, Instant expiry) {
        if (secret == null) {
            return t.encode();
        }
        String body = t + "|" + expiry.toEpochMilli() + "|" + secret.digest(holder(holderCredential));
        return (body + "|" + secret.sign("ticket-v1\n" + body)).getBytes(StandardCharsets.UTF_8);
    }

    /** The partition a ticket names, when {@code caller} may redeem it; PERMISSION_DENIED otherwise. */
    public Tickets redeem(byte[] ticket, Caller caller) {
        if (secret == null) {
            return Tickets.decode(ticket);
        }
        String[] parts = new String(ticket, StandardCharsets.UTF_8).split("\\|", -1);
        if (parts.length != 4) {
            throw refused();
        }
        String body = parts[0] + "|" + parts[1] + "|" + parts[2];
        try {
            if (!secret.verify("ticket-v1\n" + body, parts[3]) || Long.parseLong(parts[1]) < System.currentTimeMillis()
                    || !Hmac.equal(parts[2], secret.digest(holder(caller.credential())))) {
                throw refused();
            }
            return Tickets.decode(parts[0].getBytes(StandardCharsets.UTF_8));
        } catch (NumberFormatException malformed) {
            throw refused();
        }
    }

    /**
     * What a ticket is bound to: the credential itself, except for a session token from the
     * handshake, which binds to its principal's sessions. Each server hands out its own session
     * token at the handshake, and the Flight SQL JDBC driver, given a user and password, shakes
     * hands with every worker it reads from: bound to the coordinator's token, its tickets could
     * never be read. Any valid session token of a principal already acts as that principal on
     * every server (they are signed with the cluster's secret), so this lends it nothing more.
     */
    private String holder(String credential) {
        String prefix = "Bearer " + SessionTokens.PREFIX;
        if (credential != null && credential.regionMatches(true, 0, prefix, 0, prefix.length())) {
            String principal = new SessionTokens(secret, java.time.Duration.ZERO).principal(credential.substring(7).trim());
            if (principal != null) {
                return "session\n" + principal;
            }
        }
        return credential;
    }

    private static PolaroidException refused() {
        return new PolaroidException(ErrorCode.PERMISSION_DENIED, REFUSED);
    }

    /** The internal credential, for tickets of shuffle partitions; empty when authentication is off. */
    public String internalCredential() {
        return secret == null ? "" : secret.credential();
    }
}
