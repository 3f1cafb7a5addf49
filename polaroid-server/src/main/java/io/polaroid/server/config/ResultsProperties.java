package io.polaroid.server.config;

import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code polaroid.results.*}: where clients read query results.
 *
 * @param relay {@code auto} (default): endpoints on the workers, unless the client asks for the
 *              relay (header {@code x-polaroid-relay} on {@code GetFlightInfo}); {@code always}:
 *              every endpoint on the coordinator, which streams each partition from its worker
 *              (for clusters only the coordinator is reachable from, e.g. behind a port-forward);
 *              {@code never}: endpoints on the workers, and the coordinator relays nothing.
 *              Env {@code POLAROID_RESULTS_RELAY}.
 * @param stream {@code true} (default): a query's result streams to its client while the last
 *               stage's tasks make it (the client gets its endpoints once they all run); {@code false}:
 *               the query ends first and its result is held whole on the workers. Env
 *               {@code POLAROID_RESULTS_STREAM}.
 */
@ConfigurationProperties(prefix = "polaroid.results")
public record ResultsProperties(Relay relay, Boolean stream) {
    public ResultsProperties {
        relay = relay == null ? Relay.AUTO : relay;
        stream = stream == null || stream;
    }

    /** Whether results come through the coordinator. */
    public enum Relay {
        AUTO, ALWAYS, NEVER;

        /** Whether a client is pointed at the coordinator; {@code asked}: it sent the relay header. */
        public boolean relays(boolean asked) {
            return this == ALWAYS || this == AUTO && asked;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
