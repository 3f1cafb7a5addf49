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
