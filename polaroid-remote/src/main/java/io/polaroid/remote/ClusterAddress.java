package io.polaroid.remote;

import io.polaroid.engine.error.PolaroidException;
import java.net.URI;

/**
 * A coordinator's address, from {@code grpc://host:port} (also {@code grpc+tcp://}, or bare
 * {@code host:port}), or with TLS {@code grpc+tls://host:port}.
 */
public record ClusterAddress(String host, int port, boolean tls) {
    public static final int DEFAULT_PORT = 50052;

    public static ClusterAddress parse(String url) {
        if (url == null || url.isBlank()) {
            throw PolaroidException.invalidPlan("no cluster address: expected grpc://host:port");
        }
        String s = url.trim();
        if (!s.contains("://")) {
            s = "grpc://" + s;
        }
        URI uri = URI.create(s);
        String scheme = uri.getScheme();
        if (!scheme.equals("grpc") && !scheme.equals("grpc+tcp") && !scheme.equals("grpc+tls")) {
            throw PolaroidException.notSupported("cluster address " + url + ": the schemes are grpc:// (or grpc+tcp://) and grpc+tls://");
        }
        if (uri.getHost() == null) {
            throw PolaroidException.invalidPlan("cluster address " + url + " has no host: expected grpc://host:port");
        }
        return new ClusterAddress(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), scheme.equals("grpc+tls"));
    }

    /** The same address as an Arrow Flight location. */
    public org.apache.arrow.flight.Location location() {
        return tls ? org.apache.arrow.flight.Location.forGrpcTls(host, port) : org.apache.arrow.flight.Location.forGrpcInsecure(host, port);
    }

    @Override
    public String toString() {
        return (tls ? "grpc+tls://" : "grpc://") + host + ":" + port;
    }
}
