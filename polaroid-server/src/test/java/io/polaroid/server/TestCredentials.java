package io.polaroid.server;

import io.polaroid.remote.Authorization;
import io.polaroid.server.security.InternalSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The credentials every test cluster of this JVM runs with, generated once: a client token for
 * the principal {@value #PRINCIPAL} (its hash in a tokens file, as an operator would write it),
 * a second principal's token for authorization tests, and the internal secret. The token is also
 * set as the system property {@code polaroid.token}, so {@code Polaroid.connect(url)} presents it
 * as a user's environment would.
 */
public final class TestCredentials {
    public static final String PRINCIPAL = "tests";
    public static final String OTHER_PRINCIPAL = "someone-else";
    /** A user of the basic-auth handshake, and its password. */
    public static final String USER = "analyst";
    public static final String PASSWORD = "correct horse battery staple";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static TestCredentials instance;

    private final String token = random();
    private final String otherToken = random();
    private final String internalSecret = random();
    private final Path tokensFile;
    private final Path usersFile;

    private TestCredentials() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "cluster-credentials")).toAbsolutePath();
            tokensFile = dir.resolve("tokens");
            Files.write(tokensFile, List.of(PRINCIPAL + ":" + sha256(token), OTHER_PRINCIPAL + ":" + sha256(otherToken)),
                    StandardCharsets.UTF_8);
            usersFile = dir.resolve("users");
            Files.write(usersFile, List.of(USER + ":" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder()
                    .encode(PASSWORD)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("polaroid.token", token);
    }

    public static synchronized TestCredentials get() {
        if (instance == null) {
            instance = new TestCredentials();
        }
        return instance;
    }

    private static String random() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The flags a server of a test cluster gets. */
    public List<String> serverArgs() {
        return List.of("--polaroid.security.tokens-file=" + tokensFile, "--polaroid.security.users-file=" + usersFile,
                "--polaroid.security.internal-secret=" + internalSecret);
    }

    public String token() {
        return token;
    }

    public String otherToken() {
        return otherToken;
    }

    public String internalSecret() {
        return internalSecret;
    }

    public Authorization client() {
        return Authorization.bearer(token);
    }

    public Authorization internal() {
        return new Authorization(InternalSecret.of(internalSecret).credential());
    }
}
