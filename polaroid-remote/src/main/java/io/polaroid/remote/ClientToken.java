package io.polaroid.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a client finds its token when none is given: {@code POLAROID_TOKEN}, the system property
 * {@code polaroid.token}, the file {@code POLAROID_TOKEN_FILE} names, or {@code ~/.polaroid/token},
 * where a coordinator on this machine writes the token it generates at first start.
 */
public final class ClientToken {
    private ClientToken() {
    }

    /** The token to present, or null when there is none. */
    public static String find(Map<String, String> env) {
        String token = env.get("POLAROID_TOKEN");
        if (token == null || token.isBlank()) {
            token = System.getProperty("polaroid.token");
        }
        if (token != null && !token.isBlank()) {
            return token.trim();
        }
        String file = env.get("POLAROID_TOKEN_FILE");
        Path path = file != null && !file.isBlank() ? Path.of(file) : Path.of(System.getProperty("user.home"), ".polaroid", "token");
        if (!Files.isReadable(path)) {
            if (file != null && !file.isBlank()) {
                throw new UncheckedIOException(new IOException("POLAROID_TOKEN_FILE names " + path + ", which cannot be read"));
            }
            return null;
        }
        try {
            return Files.readString(path, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token file " + path, e);
        }
    }
}
