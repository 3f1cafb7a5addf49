package io.polaroid.engine.dsl.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression string into tokens in one pass, before parsing, so that the parser can look
 * ahead freely (to tell {@code date '2024-01-01'} from a column named {@code date}) and so that a
 * stray character is reported even when it follows an otherwise complete expression.
 */
final class ExprLexer {
    /** Longest first, so that {@code <=} is not read as {@code <} then {@code =}. */
    private static final List<String> SYMBOLS = List.of("//", "==", "!=", "<>", "<=", ">=",
            "(", ")", ",", ".", "*", "+", "-", "/", "%", "=", "<", ">");

    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private ExprLexer(String text) {
        this.text = text;
    }

    /** The tokens of {@code text}, ending with one {@link Token.Kind#END} just after the last of them. */
    static List<Token> tokenize(String text) {
        return new ExprLexer(text).run();
    }

    private List<Token> run() {
        while (true) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= text.length()) {
                int end = tokens.isEmpty() ? 0 : last().offset() + last().text().length();
                tokens.add(new Token(Token.Kind.END, "", null, end));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token last() {
        return tokens.get(tokens.size() - 1);
    }

    private Token next() {
        char c = text.charAt(pos);
        if (isDigit(c) || (c == '.' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1)))) {
            return number();
        }
        if (isNameStart(c)) {
            int start = pos;
            while (pos < text.length() && isNamePart(text.charAt(pos))) {
                pos++;
            }
            return token(Token.Kind.NAME, start, text.substring(start, pos));
        }
        if (c == '\'') {
            return quoted(Token.Kind.STRING, '\'', "the closing ' of the string that starts here");
        }
        if (c == '"' || c == '`') {
            return quoted(Token.Kind.QUOTED_NAME, c, "the closing " + c + " of the name that starts here");
        }
        for (String symbol : SYMBOLS) {
            if (text.startsWith(symbol, pos)) {
                int start = pos;
                pos += symbol.length();
                return token(Token.Kind.SYMBOL, start, symbol);
            }
        }
        throw ParseErrors.at(text, pos, "a name, number, string or operator",
                "the unknown character '" + new String(Character.toChars(text.codePointAt(pos))) + "'");
    }

    /** {@code 12}, {@code 1.5}, {@code .5}, {@code 1.}, {@code 1e3}, {@code 2.5E-3}. */
    private Token number() {
        int start = pos;
        boolean isFloat = false;
        skipDigits();
        if (pos < text.length() && text.charAt(pos) == '.') {
            isFloat = true;
            pos++;
            skipDigits();
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            isFloat = true;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            int digits = pos;
            skipDigits();
            if (pos == digits) {
                throw ParseErrors.at(text, pos, "the digits of the exponent of " + text.substring(start, pos),
                        pos < text.length() ? "'" + text.charAt(pos) + "'" : "the end of the text");
            }
        }
        return token(isFloat ? Token.Kind.FLOAT : Token.Kind.INTEGER, start, text.substring(start, pos));
    }

    private void skipDigits() {
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
    }

    /** A string or quoted name; the quote character written twice stands for itself. */
    private Token quoted(Token.Kind kind, char quote, String expectedClose) {
        int start = pos;
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) {
                throw ParseErrors.at(text, start, expectedClose, "the end of the text");
            }
            char c = text.charAt(pos++);
            if (c != quote) {
                value.append(c);
            } else if (pos < text.length() && text.charAt(pos) == quote) {
                value.append(quote);
                pos++;
            } else {
                return new Token(kind, text.substring(start, pos), value.toString(), start);
            }
        }
    }

    private Token token(Token.Kind kind, int start, String source) {
        return new Token(kind, source, source, start);
    }

    /** ASCII only: other scripts' digits are not numbers here. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c);
    }
}
