package io.polaroid.server.security;

import io.polaroid.server.config.SecurityProperties;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The static bearer tokens clients may present, kept as SHA-256 hashes: from the tokens file
 * ({@code principal:sha256-hex}), or, when neither a tokens file nor a users file is configured,
 * one token generated at first start into the client token file (mode 600) for the principal
 * {@value #GENERATED_PRINCIPAL}, so that a fresh install is never open.
 */
public final class ClientTokens {
    private static final Logger log = LoggerFactory.getLogger(ClientTokens.class);
    static final String GENERATED_PRINCIPAL = "admin";

    private final Map<String, String> principalByHash = new HashMap<>();

    ClientTokens(SecurityProperties props, boolean generateIfNone) {
        if (props.tokensFile() != null) {
            for (String line : SecretFiles.lines(props.tokensFile())) {
                int colon = line.indexOf(':');
                String hash = line.substring(colon + 1).trim().toLowerCase(java.util.Locale.ROOT);
                if (colon <= 0 || !hash.matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException(props.tokensFile() + ": a line is principal:sha256-hex-of-token; "
                            + "make the hash with: printf %s \"$TOKEN\" | sha256sum");
                }
                principalByHash.put(hash, line.substring(0, colon).trim());
            }
            log.info("{} client tokens from {}", principalByHash.size(), props.tokensFile());
        } else if (generateIfNone && props.usersFile() == null) {
            boolean existed = Files.exists(props.clientTokenFile());
            String token = SecretFiles.readOrCreate(props.clientTokenFile());
            principalByHash.put(Hmac.sha256Hex(token), GENERATED_PRINCIPAL);
            log.info("{} the client token in {} (principal {}): clients read it from there, or from POLAROID_TOKEN",
                    existed ? "using" : "generated", props.clientTokenFile(), GENERATED_PRINCIPAL);
        }
    }

    /** The principal a token belongs to, or null. */
    String principal(String token) {
        return principalByHash.get(Hmac.sha256Hex(token));
    }
}
