package io.polaroid;

import io.polaroid.remote.ClientToken;

/**
 * How {@link Polaroid#connect(String, ConnectOptions)} reaches a cluster.
 *
 * @param token the bearer token to present; null for a cluster without authentication
 * @param relay read every result through the coordinator instead of from the workers: for a
 *              client that reaches only the coordinator (a laptop behind
 *              {@code kubectl port-forward}, Docker Desktop). Without it the client still falls
 *              back to the relay, for good, when the first worker it reads from cannot be reached.
 */
public record ConnectOptions(String token, boolean relay) {
    /** The token from {@code POLAROID_TOKEN}, {@code POLAROID_TOKEN_FILE} or {@code ~/.polaroid/token}; direct reads. */
    public static ConnectOptions defaults() {
        return new ConnectOptions(ClientToken.find(System.getenv()), false);
    }

    public ConnectOptions withToken(String token) {
        return new ConnectOptions(token, relay);
    }

    public ConnectOptions withRelay(boolean relay) {
        return new ConnectOptions(token, relay);
    }
}
