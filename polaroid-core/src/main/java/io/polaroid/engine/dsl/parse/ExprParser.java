package io.polaroid.engine.dsl.parse;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Parses a SQL-like expression string ({@code "price > 100 and symbol = 'AAPL'"}) into the very
 * {@link Expr} values the Java API builds, so a string filter and a built one make the same plan and
 * the same wire message. Recursive descent, one method per precedence level, lowest first:
 * or, and, not, predicate (comparison, in, between, is, like), + -, * / // %, unary, primary.
 * Failures are {@link io.polaroid.engine.error.ErrorCode#PARSE_ERROR} with a position and a caret.
 */
public final class ExprParser {
    /** Words that cannot be bare column names (quote them: {@code "end"}); others, like date, can. */
    private static final Set<String> RESERVED = Set.of("and", "or", "not", "in", "between", "is", "null", "like",
            "true", "false", "case", "when", "then", "else", "end");
    private static final Map<String, String> COMPARISONS = Map.of("=", FunctionNames.EQ, "==", FunctionNames.EQ,
            "!=", FunctionNames.NE, "<>", FunctionNames.NE, "<", FunctionNames.LT, "<=", FunctionNames.LE,
            ">", FunctionNames.GT, ">=", FunctionNames.GE);
    private static final Map<String, String> ADDITIVE = Map.of("+", FunctionNames.ADD, "-", FunctionNames.SUB);
    private static final Map<String, String> MULTIPLICATIVE = Map.of("*", FunctionNames.MUL, "/", FunctionNames.TRUEDIV,
            "//", FunctionNames.FLOORDIV, "%", FunctionNames.MOD);

    private final TokenStream in;
    private final CallParser calls;

    private ExprParser(String text) {
        this.in = new TokenStream(text);
        this.calls = new CallParser(in, this);
    }

    /** The expression {@code text} spells; all of the text must be one expression. */
    public static Expr parse(String text) {
        Objects.requireNonNull(text, "expression text");
        ExprParser parser = new ExprParser(text);
        Expr expr = parser.expression();
        if (parser.in.peek().kind() != Token.Kind.END) {
            throw parser.in.fail("an operator or the end of the text");
        }
        return expr;
    }

    Expr expression() {
        Expr left = and();
        while (in.acceptKeyword("or")) {
            left = Expr.call(FunctionNames.OR, left, and());
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (in.acceptKeyword("and")) {
            left = Expr.call(FunctionNames.AND, left, not());
        }
        return left;
    }

    private Expr not() {
        return in.acceptKeyword("not") ? Expr.call(FunctionNames.NOT, not()) : predicate();
    }

    /** At most one test per operand: {@code a < b < c} is an error, not a chain. */
    private Expr predicate() {
        Expr left = additive();
        String comparison = operator(COMPARISONS);
        if (comparison != null) {
            return Expr.call(comparison, left, additive());
        }
        if (in.acceptKeyword("is")) {
            boolean negated = in.acceptKeyword("not");
            in.expectKeyword("null", negated ? " after 'is not'" : " or 'not null' after 'is'");
            return Expr.call(negated ? FunctionNames.IS_NOT_NULL : FunctionNames.IS_NULL, left);
        }
        boolean negated = in.acceptKeyword("not");
        Expr test;
        if (in.acceptKeyword("in")) {
            test = inList(left);
        } else if (in.acceptKeyword("between")) {
            Expr low = additive();
            in.expectKeyword("and", " between the bounds of 'between'");
            test = Expr.call(FunctionNames.IS_BETWEEN, left, low, additive());
        } else if (in.acceptKeyword("like")) {
            test = Expr.call(FunctionNames.STR_LIKE, left, additive());
        } else if (negated) {
            throw in.fail("'in', 'between' or 'like' after 'not'");
        } else {
            return left;
        }
        return negated ? Expr.call(FunctionNames.NOT, test) : test;
    }

    private Expr inList(Expr value) {
        Token open = in.expectSymbol("(", " after 'in'");
        List<Expr> args = new ArrayList<>();
        args.add(value);
        do {
            args.add(expression());
        } while (in.acceptSymbol(","));
        in.expectClose(open, "',' or ')'");
        return new Expr.Call(FunctionNames.IS_IN, args);
    }

    private Expr additive() {
        return leftAssociative(ADDITIVE, this::multiplicative);
    }

    private Expr multiplicative() {
        return leftAssociative(MULTIPLICATIVE, this::unary);
    }

    private Expr leftAssociative(Map<String, String> operators, Supplier<Expr> operand) {
        Expr left = operand.get();
        for (String function = operator(operators); function != null; function = operator(operators)) {
            left = Expr.call(function, left, operand.get());
        }
        return left;
    }

    /** Consumes the next token if it is one of {@code operators}, returning its function. */
    private String operator(Map<String, String> operators) {
        Token t = in.peek();
        String function = t.kind() == Token.Kind.SYMBOL ? operators.get(t.text()) : null;
        if (function != null) {
            in.next();
        }
        return function;
    }

    /** {@code -5} is the literal -5, as the Java API's {@code lit(-5)}; {@code -x} is {@code neg(x)}. */
    private Expr unary() {
        if (in.acceptSymbol("+")) {
            return unary();
        }
        if (!in.acceptSymbol("-")) {
            return primary();
        }
        Token t = in.peek();
        if (t.kind() == Token.Kind.INTEGER || t.kind() == Token.Kind.FLOAT) {
            in.next();
            return SqlLiterals.number(in, t, true);
        }
        Expr operand = unary();
        if (operand instanceof Expr.Literal l && l.dynamic()) {
            if (l.value() instanceof Long v && v != Long.MIN_VALUE) {
                return SqlLiterals.integer(-v);
            }
            if (l.value() instanceof Double d) {
                return SqlLiterals.floating(-d);
            }
        }
        return Expr.call(FunctionNames.NEG, operand);
    }

    private Expr primary() {
        Token t = in.peek();
        switch (t.kind()) {
            case INTEGER, FLOAT -> {
                in.next();
                return SqlLiterals.number(in, t, false);
            }
            case STRING -> {
                in.next();
                return Expr.Literal.of(t.value(), DataType.UTF8);
            }
            case QUOTED_NAME -> {
                if (t.value().isEmpty()) {
                    throw in.fail(t, "a column name", "an empty quoted name");
                }
                in.next();
                return new Expr.Column(t.value());
            }
            case NAME -> {
                return name();
            }
            default -> {
                if (!in.acceptSymbol("(")) {
                    throw noExpression();
                }
                Expr inner = expression();
                in.expectClose(t);
                return inner;
            }
        }
    }

    /** A bare name: a constant, {@code case}, a typed literal, a call, or else a column. */
    private Expr name() {
        Token t = in.peek();
        String word = t.lowerText();
        Token after = in.peek(1);
        switch (word) {
            case "true", "false" -> {
                in.next();
                return Expr.Literal.of(word.equals("true"), DataType.BOOL);
            }
            case "null" -> {
                in.next();
                return Expr.Literal.of(null, DataType.NULL);
            }
            case "case" -> {
                in.next();
                return caseWhen(t);
            }
            default -> {
                if (RESERVED.contains(word)) {
                    throw noExpression();
                }
            }
        }
        in.next();
        if (after.kind() == Token.Kind.STRING && (word.equals("date") || word.equals("timestamp")
                || word.equals("interval"))) {
            in.next();
            return switch (word) {
                case "date" -> SqlLiterals.date(in, after);
                case "timestamp" -> SqlLiterals.timestamp(in, after);
                default -> IntervalLiteral.parse(in, after);
            };
        }
        if (after.isSymbol("(") || after.isSymbol(".")) {
            return calls.call(t);
        }
        return new Expr.Column(t.text());
    }

    private Expr caseWhen(Token caseToken) {
        String closes = " to close the 'case' at position " + (caseToken.offset() + 1);
        in.expectKeyword("when", " after 'case'");
        List<Expr.Branch> branches = new ArrayList<>();
        do {
            Expr condition = expression();
            in.expectKeyword("then", " after the condition of 'when'");
            branches.add(new Expr.Branch(condition, expression()));
        } while (in.acceptKeyword("when"));
        Expr otherwise = null;
        if (in.acceptKeyword("else")) {
            otherwise = expression();
        } else if (!in.peek().isKeyword("end")) {
            throw in.fail("'when', 'else' or 'end'" + closes);
        }
        in.expectKeyword("end", closes);
        return new Expr.When(branches, otherwise);
    }

    /** The next token cannot start an expression; says what it follows, e.g. "after 'and'". */
    private PolaroidException noExpression() {
        Token before = in.previous();
        return in.fail("an expression" + (before == null ? "" : " after " + before.describe()));
    }
}
