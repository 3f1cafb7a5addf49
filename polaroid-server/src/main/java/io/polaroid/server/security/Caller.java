package io.polaroid.server.security;

import io.grpc.Context;

/**
 * Who made the current call, as the authentication interceptor found: the principal, the exact
 * {@code authorization} value it presented (tickets are bound to it), and whether it is another
 * server of the cluster. Read with {@link #current()} inside a call.
 */
public record Caller(String principal, String credential, boolean internal) {
    static final Context.Key<Caller> KEY = Context.key("polaroid-caller");
    /** Every caller when authentication is off. */
    public static final Caller ANONYMOUS = new Caller("anonymous", "", false);

    public static Caller current() {
        Caller c = KEY.get();
        return c == null ? ANONYMOUS : c;
    }
}
