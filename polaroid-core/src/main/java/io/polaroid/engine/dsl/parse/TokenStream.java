package io.polaroid.engine.dsl.parse;

import io.polaroid.engine.error.PolaroidException;
import java.util.List;

/**
 * The parser's cursor over the tokens. Every failure goes through {@link #fail}, so all messages
 * name the text, the position, what was expected and what was found the same way.
 */
final class TokenStream {
    private final String text;
    private final List<Token> tokens;
    private int index;

    TokenStream(String text) {
        this.text = text;
        this.tokens = ExprLexer.tokenize(text);
    }

    Token peek() {
        return peek(0);
    }

    /** The token {@code ahead} places on; the END token repeats past the end. */
    Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = peek();
        if (t.kind() != Token.Kind.END) {
            index++;
        }
        return t;
    }

    /** The token just consumed, for "after '...'" in messages; null at the start. */
    Token previous() {
        return index == 0 ? null : tokens.get(index - 1);
    }

    boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            index++;
            return true;
        }
        return false;
    }

    boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            index++;
            return true;
        }
        return false;
    }

    Token expectKeyword(String keyword, String context) {
        if (!peek().isKeyword(keyword)) {
            throw fail("'" + keyword + "'" + context);
        }
        return next();
    }

    Token expectSymbol(String symbol, String context) {
        if (!peek().isSymbol(symbol)) {
            throw fail("'" + symbol + "'" + context);
        }
        return next();
    }

    /** Expects the {@code ')'} that closes {@code open}, naming where it was opened. */
    void expectClose(Token open) {
        expectClose(open, "')'");
    }

    /** As {@link #expectClose(Token)}, saying what else could have come ({@code "',' or ')'"} in a list). */
    void expectClose(Token open, String expected) {
        if (!acceptSymbol(")")) {
            throw fail(expected + " to close the '(' at position " + (open.offset() + 1));
        }
    }

    /** A failure at the next token. */
    PolaroidException fail(String expected) {
        return fail(peek(), expected);
    }

    PolaroidException fail(Token at, String expected) {
        return ParseErrors.at(text, at.offset(), expected, at.describe());
    }

    /** A failure at {@code at} whose "found" is not the token itself (a bad date inside a string, say). */
    PolaroidException fail(Token at, String expected, String found) {
        return ParseErrors.at(text, at.offset(), expected, found);
    }
}
