package io.polaroid.engine.kernels;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.polaroid.engine.error.PolaroidException;

/**
 * A regular expression from a user's plan, compiled with RE2J: matching takes time linear in the
 * input whatever the pattern, so a pattern like {@code (.*a){8}!} cannot keep a core busy for
 * minutes (java.util.regex backtracks exponentially on it). RE2 syntax is Java's without
 * backreferences and lookaround; a pattern that uses them, or does not parse, is INVALID_PLAN.
 */
public final class UserRegex {
    private UserRegex() {
    }

    public static Pattern compile(String pattern) {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw PolaroidException.invalidPlan("invalid regular expression '" + pattern + "' (RE2 syntax: no "
                    + "backreferences or lookaround): " + e.getDescription());
        } catch (RuntimeException | StackOverflowError e) {
            throw PolaroidException.invalidPlan("invalid regular expression '" + pattern + "': " + e);
        }
    }
}
