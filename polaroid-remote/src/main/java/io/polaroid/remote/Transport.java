package io.polaroid.remote;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightClientMiddleware;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;

/**
 * How a client reaches a Polaroid server: plaintext gRPC, or TLS trusting the system's CAs or the
 * PEM certificates in {@code trustedCertificates} (a private CA, or a server's self-signed
 * certificate). The same for gRPC channels and Flight clients, so that a cluster's coordinator,
 * its workers and their clients all speak alike.
 */
public record Transport(boolean tls, Path trustedCertificates) {
    public static final Transport PLAINTEXT = new Transport(false, null);

    /** The scheme of Flight locations: {@code grpc+tls} or {@code grpc+tcp}. */
    public String scheme() {
        return tls ? "grpc+tls" : "grpc+tcp";
    }

    public Location location(String host, int port) {
        return tls ? Location.forGrpcTls(host, port) : Location.forGrpcInsecure(host, port);
    }

    /** The location of a {@code host:port} address. */
    public Location location(String hostPort) {
        ClusterAddress a = ClusterAddress.parse(hostPort);
        return location(a.host(), a.port());
    }

    /** A gRPC channel to {@code hostPort}. */
    public ManagedChannel channel(String hostPort, ClientInterceptor... interceptors) {
        NettyChannelBuilder b = NettyChannelBuilder.forTarget(hostPort).maxInboundMessageSize(64 << 20).intercept(interceptors);
        if (!tls) {
            return b.usePlaintext().build();
        }
        try {
            var ssl = GrpcSslContexts.forClient();
            if (trustedCertificates != null) {
                ssl.trustManager(trustedCertificates.toFile());
            }
            return b.useTransportSecurity().sslContext(ssl.build()).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS with " + trustedCertificates + ": " + e.getMessage(), e);
        }
    }

    /** A Flight client for {@code location}, TLS when its scheme says so. */
    public FlightClient flightClient(BufferAllocator allocator, Location location, FlightClientMiddleware.Factory middleware) {
        FlightClient.Builder b = FlightClient.builder(allocator, location).intercept(middleware);
        boolean secure = "grpc+tls".equals(location.getUri().getScheme());
        if (secure && trustedCertificates != null) {
            try (InputStream certs = Files.newInputStream(trustedCertificates)) {
                return b.useTls().trustedCertificates(certs).build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the trusted certificates " + trustedCertificates, e);
            }
        }
        return secure ? b.useTls().build() : b.build();
    }
}
