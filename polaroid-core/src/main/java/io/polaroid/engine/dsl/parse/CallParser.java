package io.polaroid.engine.dsl.parse;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.FunctionNames;
import java.util.ArrayList;
import java.util.List;

/**
 * Function-call syntax: {@code name(args)} and the SQL forms that are not plain argument lists
 * ({@code cast(x as t)}, {@code extract(year from d)}, {@code count(*)}, 1-based {@code substring}).
 * Each becomes the call the Java API would build, so the analyzer never sees SQL.
 */
final class CallParser {
    private static final String DATE_PARTS =
            "a date part (year, quarter, month, day, weekday, ordinal_day, hour, minute, second)";

    private final TokenStream in;
    private final ExprParser parser;

    CallParser(TokenStream in, ExprParser parser) {
        this.in = in;
        this.parser = parser;
    }

    /** A call whose first name token {@code first} is already consumed; dotted names ({@code str.contains}) join up. */
    Expr call(Token first) {
        StringBuilder name = new StringBuilder(first.lowerText());
        while (in.acceptSymbol(".")) {
            Token part = in.peek();
            if (part.kind() != Token.Kind.NAME) {
                throw in.fail("a function name after '" + name + ".'");
            }
            name.append('.').append(in.next().lowerText());
        }
        Token open = in.expectSymbol("(", " after the function name '" + name + "'");
        String fname = name.toString();
        switch (fname) {
            case "cast":
                return cast(open);
            case "extract":
                return extract(open);
            case "count":
                if (in.acceptSymbol("*")) {
                    in.expectClose(open);
                    return Expr.call(FunctionNames.LEN);
                }
                break;
            case "substring", "substr":
                return substring(first, open);
            default:
                break;
        }
        String function = FunctionNames.wireName(fname);
        if (function == null) {
            throw in.fail(first, "a known function", "'" + fname + "'");
        }
        return new Expr.Call(function, arguments(open, new ArrayList<>()));
    }

    /** The comma-separated arguments up to the {@code )} that closes {@code open}; {@code starts} gets each one's first token. */
    private List<Expr> arguments(Token open, List<Token> starts) {
        List<Expr> args = new ArrayList<>();
        if (in.acceptSymbol(")")) {
            return args;
        }
        do {
            starts.add(in.peek());
            args.add(parser.expression());
        } while (in.acceptSymbol(","));
        in.expectClose(open, "',' or ')'");
        return args;
    }

    private Expr cast(Token open) {
        Expr value = parser.expression();
        in.expectKeyword("as", " and a type in 'cast'");
        Expr cast = new Expr.Cast(value, SqlTypes.parse(in), false);
        in.expectClose(open);
        return cast;
    }

    private Expr extract(Token open) {
        Token part = in.peek();
        String function = part.kind() == Token.Kind.NAME ? FunctionNames.extractFunction(part.text()) : null;
        if (function == null) {
            throw in.fail(DATE_PARTS);
        }
        in.next();
        in.expectKeyword("from", " after the date part in 'extract'");
        Expr value = parser.expression();
        in.expectClose(open);
        return Expr.call(function, value);
    }

    /** SQL counts characters from 1, {@code str.slice} from 0: the start must be a literal to shift it here. */
    private Expr substring(Token name, Token open) {
        List<Token> starts = new ArrayList<>();
        List<Expr> args = arguments(open, starts);
        if (args.size() < 2 || args.size() > 3) {
            throw in.fail(name, name.text() + "(text, start[, length])", args.size() + " argument(s)");
        }
        if (!(args.get(1) instanceof Expr.Literal start && start.dynamic() && start.value() instanceof Long s && s >= 1)) {
            throw in.fail(starts.get(1), "a whole number of 1 or more as the start of " + name.text());
        }
        List<Expr> slice = new ArrayList<>(args);
        slice.set(1, SqlLiterals.integer(s - 1));
        return new Expr.Call(FunctionNames.STR_SLICE, slice);
    }
}
