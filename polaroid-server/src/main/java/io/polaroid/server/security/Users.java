package io.polaroid.server.security;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Users of the basic-auth handshake: {@code user:bcrypt-hash} lines (as {@code htpasswd -nbB} writes them). */
public final class Users {
    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder();
    /** Checked against when the user is unknown, so that a wrong user takes as long as a wrong password. */
    private static final String DUMMY = BCRYPT.encode("polaroid-no-such-user");

    private final Map<String, String> hashes = new HashMap<>();

    Users(Path file) {
        if (file == null) {
            return;
        }
        for (String line : SecretFiles.lines(file)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(file + ": a line is user:bcrypt-hash");
            }
            // htpasswd writes $2y$, which is bcrypt's $2a$ for every hash it makes
            hashes.put(line.substring(0, colon), line.substring(colon + 1).replaceFirst("^\\$2y\\$", "\\$2a\\$"));
        }
    }

    boolean check(String user, String password) {
        String hash = hashes.get(user);
        boolean matches = BCRYPT.matches(password, hash == null ? DUMMY : hash);
        return hash != null && matches;
    }
}
