package io.polaroid.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code polaroid.security.*}: who may talk to a server, and how the servers of one cluster know
 * each other.
 *
 * @param auth               {@code token} (the default): every call carries a credential;
 *                           {@code none}: no checks at all, for a closed network only
 * @param tokensFile         static client tokens, one {@code principal:sha256-hex-of-token} a line
 *                           (a file or a mounted Kubernetes Secret)
 * @param usersFile          users for Flight's basic-auth handshake, one {@code user:bcrypt-hash} a
 *                           line (htpasswd -B format)
 * @param clientTokenFile    where a coordinator with neither file writes the token it generates at
 *                           first start (readable only by its user), and reads it on later starts;
 *                           also where the SDKs look for a token by default
 * @param internalSecret     the secret the coordinator and workers share; internal credentials and
 *                           ticket signatures derive from it. Required whenever auth is on
 * @param internalSecretFile a file holding the secret instead; a coordinator generates it when
 *                           neither is set, and a worker on the same machine reads it
 * @param sessionTtl         lifetime of the bearer tokens the basic-auth handshake hands out
 * @param ticketTtl          lifetime of result tickets (their endpoints' expiration_time)
 * @param tls                TLS on the gRPC + Flight port, and for calls between the servers
 */
@ConfigurationProperties(prefix = "polaroid.security")
public record SecurityProperties(String auth, Path tokensFile, Path usersFile, Path clientTokenFile, String internalSecret,
                                 Path internalSecretFile, Duration sessionTtl, Duration ticketTtl, Tls tls) {
    /**
     * {@code polaroid.security.tls.*}: a PEM certificate (chain) and its private key turn TLS on;
     * {@code trust} is the PEM CA the servers trust when they call each other (default: the
     * certificate itself, as when every server shares one self-signed certificate).
     */
    public record Tls(Path certificate, Path privateKey, Path trust) {
        public boolean enabled() {
            return certificate != null;
        }

        public Path trusted() {
            return trust != null ? trust : certificate;
        }
    }

    public SecurityProperties {
        auth = auth == null || auth.isBlank() ? "token" : auth.trim().toLowerCase(Locale.ROOT);
        if (!auth.equals("token") && !auth.equals("none")) {
            throw new IllegalArgumentException("polaroid.security.auth must be token or none, not '" + auth + "'");
        }
        Path home = Path.of(System.getProperty("user.home"), ".polaroid");
        clientTokenFile = clientTokenFile == null ? home.resolve("token") : clientTokenFile;
        internalSecretFile = internalSecretFile == null ? home.resolve("internal-secret") : internalSecretFile;
        sessionTtl = sessionTtl == null ? Duration.ofHours(12) : sessionTtl;
        ticketTtl = ticketTtl == null ? Duration.ofMinutes(10) : ticketTtl;
        tls = tls == null ? new Tls(null, null, null) : tls;
        if (tls.certificate() != null && tls.privateKey() == null) {
            throw new IllegalArgumentException("polaroid.security.tls.certificate needs polaroid.security.tls.private-key");
        }
    }

    public boolean enabled() {
        return auth.equals("token");
    }
}
