package io.polaroid.server.coordinator;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.polaroid.remote.RelayTicket;
import java.util.Locale;

/**
 * Whether the current call asked for results through the coordinator: the header
 * {@value RelayTicket#HEADER} with any value but {@code false}/{@code 0}/empty. A header, not a
 * field of the plan, so that any Flight client (pyarrow, ADBC, a Flight SQL driver) can ask with
 * its call options, and plan commands and Flight SQL statements ask the same way.
 */
public final class RelayHeader implements ServerInterceptor {
    private static final Metadata.Key<String> KEY = Metadata.Key.of(RelayTicket.HEADER, Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<Boolean> ASKED = Context.key("polaroid-relay-asked");

    /** Whether the call in progress asked for the relay. */
    public static boolean asked() {
        return Boolean.TRUE.equals(ASKED.get());
    }

    static boolean asks(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return !v.isEmpty() && !v.equals("false") && !v.equals("0");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!asks(headers.get(KEY))) {
            return next.startCall(call, headers);
        }
        return Contexts.interceptCall(Context.current().withValue(ASKED, true), call, headers, next);
    }
}
