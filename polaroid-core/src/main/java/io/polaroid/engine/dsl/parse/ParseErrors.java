package io.polaroid.engine.dsl.parse;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;

/**
 * Builds the one error shape every parse failure has: where (1-based), what was expected, what was
 * found, and the line with a caret under the spot, so a user can fix a filter string without
 * counting characters.
 */
final class ParseErrors {
    private ParseErrors() {
    }

    static PolaroidException at(String text, int offset, String expected, String found) {
        StringBuilder msg = new StringBuilder()
                .append("cannot parse \"").append(text).append("\" at position ").append(offset + 1)
                .append(": expected ").append(expected).append(", found ").append(found);
        appendCaret(msg, text, offset);
        return new PolaroidException(ErrorCode.PARSE_ERROR, msg.toString());
    }

    /** Shows the line holding {@code offset}; tabs are kept in the caret line so it stays aligned. */
    private static void appendCaret(StringBuilder msg, String text, int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        int lineEnd = text.indexOf('\n', offset);
        String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
        msg.append("\n  ").append(line).append("\n  ");
        for (int i = lineStart; i < offset; i++) {
            msg.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        msg.append('^');
    }
}
