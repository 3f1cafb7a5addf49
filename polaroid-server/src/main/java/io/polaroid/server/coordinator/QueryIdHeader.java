package io.polaroid.server.coordinator;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * The id a client chose for the query of its {@code GetFlightInfo} call: the header
 * {@value #HEADER}. A client that names its query can follow it with the {@code status} action
 * (or {@code GetQuery}) while the call that runs it has not answered yet: how the SDKs draw progress.
 */
public final class QueryIdHeader implements ServerInterceptor {
    public static final String HEADER = "x-polaroid-query-id";
    private static final Metadata.Key<String> KEY = Metadata.Key.of(HEADER, Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> CHOSEN = Context.key("polaroid-query-id");

    /** The id the call in progress chose; null when it chose none. */
    public static String chosen() {
        return CHOSEN.get();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String id = headers.get(KEY);
        if (id == null || id.isBlank()) {
            return next.startCall(call, headers);
        }
        return Contexts.interceptCall(Context.current().withValue(CHOSEN, id.trim()), call, headers, next);
    }
}
