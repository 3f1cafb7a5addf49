package io.polaroid.engine.dsl.parse;

import java.util.Locale;

/**
 * One lexical unit of an expression string. {@code offset} is 0-based into the text so errors can
 * point at it; {@code text} is the source as written (for messages), {@code value} the unescaped
 * content of strings and quoted names.
 */
record Token(Kind kind, String text, String value, int offset) {

    enum Kind {
        /** A bare name: a column, a function, or a keyword (keywords are not reserved by the lexer). */
        NAME,
        /** A {@code "double quoted"} or {@code `backticked`} name: always a column, never a keyword. */
        QUOTED_NAME,
        INTEGER,
        FLOAT,
        /** A {@code 'single quoted'} string. */
        STRING,
        /** An operator or punctuation: {@code ( ) , . * + - / // % = == != <> < <= > >=}. */
        SYMBOL,
        END
    }

    /** Whether this is the bare name {@code keyword}, in any case. */
    boolean isKeyword(String keyword) {
        return kind == Kind.NAME && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    String lowerText() {
        return text.toLowerCase(Locale.ROOT);
    }

    /** How an error message names this token after "found". */
    String describe() {
        return switch (kind) {
            case END -> "the end of the text";
            case STRING -> "the string " + text;
            case QUOTED_NAME -> "the name " + text;
            default -> "'" + text + "'";
        };
    }
}
