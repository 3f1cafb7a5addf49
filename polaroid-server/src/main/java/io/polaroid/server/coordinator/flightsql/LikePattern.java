package io.polaroid.server.coordinator.flightsql;

import java.util.regex.Pattern;

/**
 * The name filters of Flight SQL's metadata commands: SQL LIKE patterns, where {@code %} is any
 * text, {@code _} any one character and {@code \} makes the next one literal (JDBC's search
 * string escape).
 */
final class LikePattern {
    private final Pattern regex;

    private LikePattern(Pattern regex) {
        this.regex = regex;
    }

    /** A filter for {@code pattern}; with no pattern, everything matches. */
    static LikePattern of(boolean given, String pattern) {
        if (!given) {
            return new LikePattern(null);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                sb.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                sb.append(".*");
            } else if (c == '_') {
                sb.append('.');
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new LikePattern(Pattern.compile(sb.toString(), Pattern.DOTALL));
    }

    boolean matches(String name) {
        return regex == null || regex.matcher(name).matches();
    }
}
