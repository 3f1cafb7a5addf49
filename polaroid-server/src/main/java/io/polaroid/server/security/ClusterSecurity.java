package io.polaroid.server.security;

import io.polaroid.remote.Authorization;
import io.polaroid.remote.Transport;
import io.polaroid.server.config.Role;
import io.polaroid.server.config.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's security, built once from {@code polaroid.security.*}: the interceptor at its
 * doors, the ticket signer, and the credential it presents to the other servers of its cluster.
 */
public final class ClusterSecurity {
    private static final Logger log = LoggerFactory.getLogger(ClusterSecurity.class);

    private final AuthInterceptor interceptor;
    private final TicketSigner tickets;
    private final Authorization internal;
    private final Transport transport;
    private final java.util.function.Predicate<String> accepts;
    /** Who a client's {@code authorization} header says it is (null: refused); everyone is anonymous with auth off. */
    private final java.util.function.Function<String, Caller> clients;
    /** A session token for a principal, or null with auth off. */
    private final java.util.function.Function<String, String> sessions;

    public ClusterSecurity(SecurityProperties props, Role role) {
        SecurityProperties.Tls tls = props.tls();
        transport = tls.enabled() ? new Transport(true, tls.trusted()) : Transport.PLAINTEXT;
        if (!props.enabled()) {
            log.warn("polaroid.security.auth=none: anyone who reaches this server's port can run queries, read results "
                    + "and act as a server of the cluster; use it on a closed network only");
            interceptor = new AuthInterceptor(false, null, null);
            tickets = new TicketSigner(null);
            internal = Authorization.NONE;
            accepts = authorization -> true;
            clients = authorization -> Caller.ANONYMOUS;
            sessions = principal -> null;
            return;
        }
        InternalSecret secret = InternalSecret.resolve(props, role);
        ClientTokens tokens = new ClientTokens(props, role != Role.WORKER);
        Authenticator authenticator = new Authenticator(tokens, new Users(props.usersFile()),
                new SessionTokens(secret, props.sessionTtl()));
        interceptor = new AuthInterceptor(true, secret, authenticator);
        tickets = new TicketSigner(secret);
        internal = new Authorization(secret.credential());
        accepts = authorization -> secret.isInternal(authorization) || authenticator.principal(authorization) != null;
        clients = authorization -> {
            String principal = authenticator.principal(authorization);
            return principal == null ? null : new Caller(principal, authorization, false);
        };
        sessions = principal -> authenticator.session(principal).substring("Bearer ".length());
    }

    /**
     * The client an HTTP request's {@code authorization} header names (a bearer token, a session
     * token or basic auth, as on the gRPC port), or null when it names none; with auth off, anyone.
     */
    public Caller client(String authorization) {
        return clients.apply(authorization);
    }

    /**
     * A session token for {@code caller}, signed and expiring as the handshake's: a new one for a
     * client token or basic auth, the same one for a session token; null with auth off.
     */
    public String sessionToken(Caller caller) {
        String credential = caller.credential();
        if (credential.regionMatches(true, 0, "Bearer ", 0, 7) && credential.substring(7).trim().startsWith(SessionTokens.PREFIX)) {
            return credential.substring(7).trim();
        }
        return sessions.apply(caller.principal());
    }

    public boolean enabled() {
        return interceptor.enabled();
    }

    /** Whether an {@code authorization} header value is a client's or the cluster's credential (always, with auth off). */
    public boolean accepts(String authorization) {
        return accepts.test(authorization);
    }

    public AuthInterceptor interceptor() {
        return interceptor;
    }

    public TicketSigner tickets() {
        return tickets;
    }

    /** How this server reaches the others, and how its clients reach it: TLS when it serves TLS. */
    public Transport transport() {
        return transport;
    }

    /** The header calls to the other servers of the cluster carry. */
    public Authorization internal() {
        return internal;
    }
}
