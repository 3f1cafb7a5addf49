package io.polaroid.server.security;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Set;
import org.apache.arrow.flight.auth.AuthConstants;

/**
 * Authentication at every door of a server's one gRPC port (PolaroidConnect, Arrow Flight and the
 * internal services):
 * <ul>
 *   <li>the internal services (worker registry, worker tasks) take only the internal credential,
 *       and the client services never take it;</li>
 *   <li>Flight {@code DoGet} takes any credential: the ticket it redeems is signed and bound to the
 *       credential that ran the query, and the producer checks that binding;</li>
 *   <li>everything else takes a client credential (a bearer token, a session token, or basic
 *       auth); Flight's {@code Handshake} answers with a session bearer token in its headers, as
 *       the Flight SQL JDBC driver and ADBC expect.</li>
 * </ul>
 * A call without a valid credential is refused with UNAUTHENTICATED before any service sees it.
 */
public final class AuthInterceptor implements ServerInterceptor {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Set<String> INTERNAL_SERVICES = Set.of("polaroid.v1.WorkerRegistry", "polaroid.v1.WorkerTasks");
    private static final String FLIGHT = "arrow.flight.protocol.FlightService";

    private final boolean enabled;
    private final InternalSecret secret;
    private final Authenticator authenticator;

    AuthInterceptor(boolean enabled, InternalSecret secret, Authenticator authenticator) {
        this.enabled = enabled;
        this.secret = secret;
        this.authenticator = authenticator;
    }

    boolean enabled() {
        return enabled;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!enabled) {
            return next.startCall(call, headers);
        }
        String service = call.getMethodDescriptor().getServiceName();
        String method = call.getMethodDescriptor().getBareMethodName();
        String authorization = headers.get(AUTHORIZATION);
        boolean internal = secret.isInternal(authorization);
        Caller caller;
        ServerCall<Q, R> answered = call;
        if (INTERNAL_SERVICES.contains(service)) {
            if (!internal) {
                return refuse(call, "the internal services take only the cluster's internal credential");
            }
            caller = new Caller("internal", authorization, true);
        } else if (FLIGHT.equals(service) && "DoGet".equals(method)) {
            if (authorization == null || authorization.isBlank()) {
                return refuse(call, "a credential is required: the authorization header (Bearer token)");
            }
            caller = new Caller(internal ? "internal" : "ticket-holder", authorization, internal);
        } else {
            String principal = authenticator.principal(authorization);
            if (principal == null) {
                return refuse(call, authorization == null ? "a credential is required: an authorization header with a Bearer "
                        + "token, or Flight's basic-auth handshake" : "the credential was not accepted");
            }
            caller = new Caller(principal, authorization, false);
            if (FLIGHT.equals(service) && "Handshake".equals(method)) {
                answered = withSessionHeader(call, authenticator.session(principal));
            }
        }
        Context context = Context.current().withValue(Caller.KEY, caller)
                .withValue(AuthConstants.PEER_IDENTITY_KEY, caller.principal());
        return Contexts.interceptCall(context, answered, headers, next);
    }

    private static <Q, R> ServerCall<Q, R> withSessionHeader(ServerCall<Q, R> call, String bearer) {
        return new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            private boolean headersSent;

            @Override
            public void sendHeaders(Metadata responseHeaders) {
                headersSent = true;
                responseHeaders.put(AUTHORIZATION, bearer);
                super.sendHeaders(responseHeaders);
            }

            // A handshake that sends no message would answer with trailers only, which clients do
            // not read the token from: send the headers first.
            @Override
            public void close(Status status, Metadata trailers) {
                if (!headersSent && status.isOk()) {
                    sendHeaders(new Metadata());
                }
                super.close(status, trailers);
            }
        };
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String why) {
        call.close(Status.UNAUTHENTICATED.withDescription(why), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
