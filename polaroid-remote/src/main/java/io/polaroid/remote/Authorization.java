package io.polaroid.remote;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightClientMiddleware;

/**
 * The {@code authorization} header every call of a client carries (for example {@code Bearer
 * <token>}), for gRPC channels and for Flight clients; an empty value adds nothing.
 */
public record Authorization(String value) {
    public static final Authorization NONE = new Authorization("");
    private static final Metadata.Key<String> KEY = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    public static Authorization bearer(String token) {
        return token == null || token.isBlank() ? NONE : new Authorization("Bearer " + token.trim());
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    public ClientInterceptor grpc() {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        if (!isEmpty()) {
                            headers.put(KEY, value);
                        }
                        super.start(listener, headers);
                    }
                };
            }
        };
    }

    public FlightClientMiddleware.Factory flight() {
        return (CallInfo info) -> new FlightClientMiddleware() {
            @Override
            public void onBeforeSendingHeaders(CallHeaders outgoing) {
                if (!isEmpty()) {
                    outgoing.insert("authorization", value);
                }
            }

            @Override
            public void onHeadersReceived(CallHeaders incoming) {
            }

            @Override
            public void onCallCompleted(CallStatus status) {
            }
        };
    }
}
