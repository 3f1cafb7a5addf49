package io.polaroid.engine.analyze;

import io.polaroid.engine.analyze.TypeCoercion.Arg;
import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.ExprFormatter;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Interval;
import io.polaroid.engine.types.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a scalar function call by name: checks the number and types of the arguments,
 * inserts the casts that bring them to the types the kernels take, and picks the result type.
 * Decimal arithmetic follows DuckDB's precision and scale rules; everything else follows Polars.
 */
final class FunctionResolver {
    private final Expr.Call call;
    private final List<Arg> args;

    private FunctionResolver(Expr.Call call, List<Arg> args) {
        this.call = call;
        this.args = args;
    }

    static BoundExpr resolve(Expr.Call call, List<Arg> args) {
        return new FunctionResolver(call, args).resolve();
    }

    private BoundExpr resolve() {
        String name = call.function();
        return switch (name) {
            case FunctionNames.ADD, FunctionNames.SUB, FunctionNames.MUL, FunctionNames.TRUEDIV, FunctionNames.FLOORDIV, FunctionNames.MOD -> {
                arity(2);
                yield arithmetic(name);
            }
            case FunctionNames.NEG -> {
                arity(1);
                yield unaryNumeric(ScalarFn.NEG, 0);
            }
            case FunctionNames.ABS -> {
                arity(1);
                yield unaryNumeric(ScalarFn.ABS, 0);
            }
            case FunctionNames.ROUND -> round();
            case FunctionNames.EQ, FunctionNames.NE, FunctionNames.LT, FunctionNames.LE, FunctionNames.GT, FunctionNames.GE -> {
                arity(2);
                yield compare(comparison(name), args.get(0), args.get(1));
            }
            case FunctionNames.AND, FunctionNames.OR -> {
                if (args.size() < 2) {
                    throw invalid("needs at least 2 arguments");
                }
                List<BoundExpr> terms = new java.util.ArrayList<>(args.size());
                for (Arg arg : args) {
                    terms.add(bool(arg));
                }
                yield io.polaroid.engine.expr.LogicalChains.combine(
                        name.equals(FunctionNames.AND) ? ScalarFn.AND : ScalarFn.OR, terms);
            }
            case FunctionNames.NOT -> {
                arity(1);
                yield new BoundExpr.Call(ScalarFn.NOT, List.of(bool(args.get(0))), DataType.BOOL);
            }
            case FunctionNames.IS_NULL, FunctionNames.IS_NOT_NULL -> {
                arity(1);
                yield new BoundExpr.Call(name.equals(FunctionNames.IS_NULL) ? ScalarFn.IS_NULL : ScalarFn.IS_NOT_NULL,
                        List.of(args.get(0).expr()), DataType.BOOL);
            }
            case FunctionNames.FILL_NULL, FunctionNames.COALESCE -> {
                if (name.equals(FunctionNames.FILL_NULL)) {
                    arity(2);
                } else if (args.isEmpty()) {
                    throw invalid("needs at least 1 argument");
                }
                yield coalesce();
            }
            case FunctionNames.IS_IN -> isIn();
            case FunctionNames.IS_BETWEEN -> isBetween();
            case FunctionNames.STR_CONTAINS -> stringPredicate(ScalarFn.CONTAINS);
            case FunctionNames.STR_CONTAINS_REGEX -> stringPredicate(ScalarFn.CONTAINS_REGEX);
            case FunctionNames.STR_STARTS_WITH -> stringPredicate(ScalarFn.STARTS_WITH);
            case FunctionNames.STR_ENDS_WITH -> stringPredicate(ScalarFn.ENDS_WITH);
            case FunctionNames.STR_LIKE -> stringPredicate(ScalarFn.LIKE);
            case FunctionNames.STR_SLICE -> slice();
            case FunctionNames.STR_LEN_CHARS -> stringUnary(ScalarFn.LENGTH, DataType.INT32);
            case FunctionNames.STR_TO_UPPERCASE -> stringUnary(ScalarFn.UPPER, DataType.UTF8);
            case FunctionNames.STR_TO_LOWERCASE -> stringUnary(ScalarFn.LOWER, DataType.UTF8);
            case FunctionNames.STR_STRIP_CHARS -> strip();
            case FunctionNames.STR_TO_DATE -> {
                arity(1);
                yield new BoundExpr.Cast(string(args.get(0)), DataType.DATE32, false);
            }
            case FunctionNames.CONCAT_STR -> concat();
            case FunctionNames.DT_YEAR -> datePart(ScalarFn.YEAR);
            case FunctionNames.DT_QUARTER -> datePart(ScalarFn.QUARTER);
            case FunctionNames.DT_MONTH -> datePart(ScalarFn.MONTH);
            case FunctionNames.DT_DAY -> datePart(ScalarFn.DAY);
            case FunctionNames.DT_WEEKDAY -> datePart(ScalarFn.WEEKDAY);
            case FunctionNames.DT_ORDINAL_DAY -> datePart(ScalarFn.ORDINAL_DAY);
            case FunctionNames.DT_HOUR -> datePart(ScalarFn.HOUR);
            case FunctionNames.DT_MINUTE -> datePart(ScalarFn.MINUTE);
            case FunctionNames.DT_SECOND -> datePart(ScalarFn.SECOND);
            default -> throw PolaroidException.invalidPlan("unknown function '" + name + "' in " + ExprFormatter.format(call));
        };
    }

    // ---- arithmetic -------------------------------------------------------------------------

    private BoundExpr arithmetic(String name) {
        Arg a = args.get(0);
        Arg b = args.get(1);
        TypeKind x = a.type().kind();
        TypeKind y = b.type().kind();
        boolean add = name.equals(FunctionNames.ADD);
        boolean sub = name.equals(FunctionNames.SUB);
        if ((add || sub) && (x.isTemporal() || y.isTemporal())) {
            return temporalArithmetic(a, b, sub);
        }
        if (add && x == TypeKind.UTF8 && y == TypeKind.UTF8) {
            return new BoundExpr.Call(ScalarFn.CONCAT, List.of(a.expr(), b.expr()), DataType.UTF8);
        }
        // Literals first adapt to the other side (a null takes the other side's type).
        BoundExpr l = a.expr();
        BoundExpr r = b.expr();
        if (a.isLiteral() && !b.isLiteral()) {
            BoundExpr.Literal adapted = TypeCoercion.adaptLiteral(a, b.type());
            l = adapted != null ? adapted : l;
        } else if (b.isLiteral() && !a.isLiteral()) {
            BoundExpr.Literal adapted = TypeCoercion.adaptLiteral(b, a.type());
            r = adapted != null ? adapted : r;
        }
        if (l.type().kind() == TypeKind.NULL) {
            l = TypeCoercion.castTo(l, r.type().kind() == TypeKind.NULL ? DataType.INT32 : r.type());
        }
        if (r.type().kind() == TypeKind.NULL) {
            r = TypeCoercion.castTo(r, l.type());
        }
        DataType lt = l.type();
        DataType rt = r.type();
        if (!lt.isNumeric() || !rt.isNumeric()) {
            throw mismatch("cannot apply " + symbol(name) + " to " + lt + " and " + rt);
        }
        ScalarFn fn = switch (name) {
            case FunctionNames.ADD -> ScalarFn.ADD;
            case FunctionNames.SUB -> ScalarFn.SUB;
            case FunctionNames.MUL -> ScalarFn.MUL;
            case FunctionNames.TRUEDIV -> ScalarFn.DIV;
            case FunctionNames.FLOORDIV -> ScalarFn.FLOORDIV;
            default -> ScalarFn.MOD;
        };
        boolean anyFloat = lt.isFloat() || rt.isFloat();
        boolean anyDecimal = lt.isDecimal() || rt.isDecimal();
        if (fn == ScalarFn.DIV || anyFloat || (anyDecimal && fn == ScalarFn.FLOORDIV)) {
            // float arithmetic; true division of integers and all division of decimals give floats
            DataType result = lt.kind() == TypeKind.FLOAT32 && rt.kind() == TypeKind.FLOAT32 ? DataType.FLOAT32 : DataType.FLOAT64;
            BoundExpr call = new BoundExpr.Call(fn, List.of(TypeCoercion.castTo(l, DataType.FLOAT64),
                    TypeCoercion.castTo(r, DataType.FLOAT64)), DataType.FLOAT64);
            return TypeCoercion.castTo(call, result);
        }
        if (anyDecimal) {
            return decimalArithmetic(fn, l, r);
        }
        DataType common = TypeCoercion.supertype(lt, rt);
        DataType compute = common.kind() == TypeKind.INT64 ? DataType.INT64 : DataType.INT32;
        BoundExpr call = new BoundExpr.Call(fn, List.of(TypeCoercion.castTo(l, compute), TypeCoercion.castTo(r, compute)), compute);
        return TypeCoercion.castTo(call, common);
    }

    /** DuckDB's rules: + and - keep the larger scale and add a digit; * adds scales and precisions (capped). */
    private BoundExpr decimalArithmetic(ScalarFn fn, BoundExpr l, BoundExpr r) {
        DataType a = TypeCoercion.asDecimal(l.type());
        DataType b = TypeCoercion.asDecimal(r.type());
        int max = DataType.MAX_DECIMAL_PRECISION;
        if (fn == ScalarFn.MUL) {
            int scale = a.scale() + b.scale();
            if (scale > max) {
                throw mismatch("the product of " + a + " and " + b + " needs a scale above 38");
            }
            int precision = a.precision() + b.precision();
            if (precision > DataType.MAX_LONG_DECIMAL_PRECISION && a.isLongDecimal() && b.isLongDecimal()) {
                precision = DataType.MAX_LONG_DECIMAL_PRECISION;
            }
            precision = Math.max(Math.min(precision, max), scale);
            DataType result = DataType.decimal(precision, scale);
            return new BoundExpr.Call(fn, List.of(TypeCoercion.castTo(l, a), TypeCoercion.castTo(r, b)), result);
        }
        int scale = Math.max(a.scale(), b.scale());
        int digits = Math.max(a.precision() - a.scale(), b.precision() - b.scale());
        int precision = Math.min(max, digits + scale + (fn == ScalarFn.MOD ? 0 : 1));
        DataType result = DataType.decimal(precision, scale);
        BoundExpr left = TypeCoercion.castTo(l, DataType.decimal(Math.min(max, a.precision() + scale - a.scale()), scale));
        BoundExpr right = TypeCoercion.castTo(r, DataType.decimal(Math.min(max, b.precision() + scale - b.scale()), scale));
        return new BoundExpr.Call(fn, List.of(left, right), result);
    }

    /** date ± interval, date ± integer days, timestamp ± interval, date - date. */
    private BoundExpr temporalArithmetic(Arg a, Arg b, boolean sub) {
        TypeKind x = a.type().kind();
        TypeKind y = b.type().kind();
        if (sub && x == TypeKind.DATE32 && y == TypeKind.DATE32) {
            return new BoundExpr.Call(ScalarFn.DATE_DIFF, List.of(a.expr(), b.expr()), DataType.INT64);
        }
        Arg temporal = x.isTemporal() ? a : b;
        Arg other = x.isTemporal() ? b : a;
        if (sub && temporal != a) {
            throw mismatch("cannot subtract a " + a.type() + " from a " + b.type());
        }
        Interval interval;
        if (other.isLiteral() && other.type().kind() == TypeKind.INTERVAL) {
            interval = (Interval) other.literalValue();
        } else if (other.isLiteral() && other.type().isInteger() && temporal.type().kind() == TypeKind.DATE32) {
            interval = Interval.ofDays(Math.toIntExact((Long) other.literalValue()));
        } else {
            throw mismatch("cannot " + (sub ? "subtract " : "add ") + other.type() + (sub ? " from " : " to ") + temporal.type()
                    + " (use an interval literal, or a whole number of days with a date)");
        }
        if (interval == null) {
            return new BoundExpr.Literal(null, temporal.type());
        }
        if (sub) {
            interval = interval.negate();
        }
        DataType result = temporal.type();
        if (result.kind() == TypeKind.DATE32 && interval.nanos() != 0) {
            result = DataType.timestamp(io.polaroid.engine.types.TimeUnit.MICROSECOND, null);
        }
        return new BoundExpr.Call(ScalarFn.ADD_INTERVAL,
                List.of(temporal.expr(), new BoundExpr.Literal(interval, DataType.INTERVAL)), result);
    }

    private BoundExpr unaryNumeric(ScalarFn fn, int decimals) {
        BoundExpr x = args.get(0).expr();
        DataType t = x.type();
        if (t.kind() == TypeKind.NULL) {
            return new BoundExpr.Literal(null, DataType.INT32);
        }
        if (!t.isNumeric()) {
            throw mismatch(fn.symbol() + " needs a number, not " + t);
        }
        DataType compute = switch (t.kind()) {
            case INT8, INT16, INT32 -> DataType.INT32;
            case INT64 -> DataType.INT64;
            case FLOAT32, FLOAT64 -> DataType.FLOAT64;
            default -> t;
        };
        DataType result = t;
        if (fn == ScalarFn.ROUND && t.isDecimal()) {
            result = DataType.decimal(t.precision(), Math.max(0, Math.min(t.scale(), decimals)));
            compute = t;
        }
        List<BoundExpr> callArgs = fn == ScalarFn.ROUND
                ? List.of(TypeCoercion.castTo(x, compute), new BoundExpr.Literal((long) decimals, DataType.INT32))
                : List.of(TypeCoercion.castTo(x, compute));
        DataType callType = fn == ScalarFn.ROUND && t.isDecimal() ? result : compute;
        return TypeCoercion.castTo(new BoundExpr.Call(fn, callArgs, callType), result);
    }

    private BoundExpr round() {
        if (args.size() != 1 && args.size() != 2) {
            throw invalid("takes a value and a number of decimals");
        }
        int decimals = args.size() == 2 ? intLiteral(args.get(1), "decimals") : 0;
        return unaryNumeric(ScalarFn.ROUND, decimals);
    }

    // ---- comparison and logic ---------------------------------------------------------------

    private static ScalarFn comparison(String name) {
        return switch (name) {
            case FunctionNames.EQ -> ScalarFn.EQ;
            case FunctionNames.NE -> ScalarFn.NE;
            case FunctionNames.LT -> ScalarFn.LT;
            case FunctionNames.LE -> ScalarFn.LE;
            case FunctionNames.GT -> ScalarFn.GT;
            default -> ScalarFn.GE;
        };
    }

    private BoundExpr compare(ScalarFn fn, Arg a, Arg b) {
        BoundExpr[] both = unify(a, b, "compare");
        return new BoundExpr.Call(fn, List.of(both[0], both[1]), DataType.BOOL);
    }

    /** Brings two operands to one type for comparison, or fails naming both types. */
    private BoundExpr[] unify(Arg a, Arg b, String verb) {
        BoundExpr l = a.expr();
        BoundExpr r = b.expr();
        if (a.isLiteral() && !b.isLiteral()) {
            BoundExpr.Literal adapted = TypeCoercion.adaptLiteral(a, b.type());
            l = adapted != null ? adapted : l;
        } else if (b.isLiteral() && !a.isLiteral()) {
            BoundExpr.Literal adapted = TypeCoercion.adaptLiteral(b, a.type());
            r = adapted != null ? adapted : r;
        }
        DataType common = TypeCoercion.supertype(l.type(), r.type());
        if (common == null || common.kind() == TypeKind.INTERVAL) {
            throw mismatch("cannot " + verb + " " + a.type() + " with " + b.type());
        }
        if (common.kind() == TypeKind.NULL) {
            common = DataType.BOOL;
        }
        return new BoundExpr[] {TypeCoercion.castTo(l, common), TypeCoercion.castTo(r, common)};
    }

    private BoundExpr bool(Arg a) {
        DataType t = a.type();
        if (t.kind() == TypeKind.NULL) {
            return TypeCoercion.castTo(a.expr(), DataType.BOOL);
        }
        if (t.kind() != TypeKind.BOOL) {
            throw mismatch(symbol(call.function()) + " needs bool operands, not " + t);
        }
        return a.expr();
    }

    private BoundExpr coalesce() {
        DataType common = DataType.NULL;
        for (Arg a : args) {
            DataType next = TypeCoercion.supertype(common, a.type());
            if (next == null) {
                throw mismatch("cannot combine " + common + " with " + a.type());
            }
            common = next;
        }
        List<BoundExpr> out = new ArrayList<>();
        for (Arg a : args) {
            BoundExpr e = a.expr();
            if (a.isLiteral() && !a.type().equals(common)) {
                BoundExpr.Literal adapted = TypeCoercion.adaptLiteral(a, common);
                e = adapted != null ? adapted : e;
            }
            out.add(TypeCoercion.castTo(e, common));
        }
        return out.size() == 1 ? out.get(0) : new BoundExpr.Call(ScalarFn.COALESCE, out, common);
    }

    private BoundExpr isIn() {
        if (args.size() < 2) {
            throw invalid("needs a value and at least one candidate");
        }
        Arg x = args.get(0);
        List<BoundExpr> out = new ArrayList<>();
        out.add(x.expr());
        for (int i = 1; i < args.size(); i++) {
            Arg v = args.get(i);
            if (!v.isLiteral()) {
                throw invalid("candidates must be literal values");
            }
            BoundExpr.Literal adapted = TypeCoercion.adaptLiteral(v, x.type());
            if (adapted == null) {
                if (TypeCoercion.supertype(v.type(), x.type()) == null) {
                    throw mismatch("cannot compare " + x.type() + " with " + v.type());
                }
                adapted = (BoundExpr.Literal) TypeCoercion.castTo(v.expr(), x.type());
            }
            out.add(adapted);
        }
        return new BoundExpr.Call(ScalarFn.IS_IN, out, DataType.BOOL);
    }

    private BoundExpr isBetween() {
        if (args.size() != 3 && args.size() != 4) {
            throw invalid("takes a value, a lower and an upper bound, and optionally 'both', 'left', 'right' or 'none'");
        }
        String closed = args.size() == 4 ? stringLiteral(args.get(3), "closed") : "both";
        boolean lowClosed = closed.equals("both") || closed.equals("left");
        boolean highClosed = closed.equals("both") || closed.equals("right");
        if (!closed.equals("both") && !closed.equals("left") && !closed.equals("right") && !closed.equals("none")) {
            throw invalid("closed must be 'both', 'left', 'right' or 'none', not '" + closed + "'");
        }
        BoundExpr low = compare(lowClosed ? ScalarFn.GE : ScalarFn.GT, args.get(0), args.get(1));
        BoundExpr high = compare(highClosed ? ScalarFn.LE : ScalarFn.LT, args.get(0), args.get(2));
        return new BoundExpr.Call(ScalarFn.AND, List.of(low, high), DataType.BOOL);
    }

    // ---- strings ----------------------------------------------------------------------------

    private BoundExpr string(Arg a) {
        DataType t = a.type();
        if (t.kind() == TypeKind.NULL) {
            return TypeCoercion.castTo(a.expr(), DataType.UTF8);
        }
        if (t.kind() != TypeKind.UTF8) {
            throw mismatch(call.function() + " needs a string, not " + t);
        }
        return a.expr();
    }

    private BoundExpr stringPredicate(ScalarFn fn) {
        arity(2);
        String pattern = stringLiteral(args.get(1), "pattern");
        if (fn == ScalarFn.CONTAINS_REGEX) {
            io.polaroid.engine.physical.expr.UserRegex.compile(pattern); // a bad pattern fails at analysis, named
        }
        return new BoundExpr.Call(fn, List.of(string(args.get(0)), new BoundExpr.Literal(pattern, DataType.UTF8)), DataType.BOOL);
    }

    private BoundExpr stringUnary(ScalarFn fn, DataType result) {
        arity(1);
        return new BoundExpr.Call(fn, List.of(string(args.get(0))), result);
    }

    private BoundExpr slice() {
        if (args.size() != 2 && args.size() != 3) {
            throw invalid("takes a string, an offset and optionally a length");
        }
        long offset = intLiteral(args.get(1), "offset");
        List<BoundExpr> out = new ArrayList<>(List.of(string(args.get(0)), new BoundExpr.Literal(offset, DataType.INT64)));
        if (args.size() == 3 && !(args.get(2).isLiteral() && args.get(2).literalValue() == null)) {
            out.add(new BoundExpr.Literal((long) intLiteral(args.get(2), "length"), DataType.INT64));
        }
        return new BoundExpr.Call(ScalarFn.SLICE, out, DataType.UTF8);
    }

    private BoundExpr strip() {
        if (args.size() != 1 && args.size() != 2) {
            throw invalid("takes a string and optionally the characters to strip");
        }
        List<BoundExpr> out = new ArrayList<>(List.of(string(args.get(0))));
        if (args.size() == 2 && !(args.get(1).isLiteral() && args.get(1).literalValue() == null)) {
            out.add(new BoundExpr.Literal(stringLiteral(args.get(1), "characters"), DataType.UTF8));
        }
        return new BoundExpr.Call(ScalarFn.STRIP, out, DataType.UTF8);
    }

    private BoundExpr concat() {
        if (args.isEmpty()) {
            throw invalid("needs at least 1 argument");
        }
        List<BoundExpr> out = new ArrayList<>();
        for (Arg a : args) {
            out.add(TypeCoercion.castTo(a.expr(), DataType.UTF8));
        }
        return out.size() == 1 ? out.get(0) : new BoundExpr.Call(ScalarFn.CONCAT, out, DataType.UTF8);
    }

    // ---- dates ------------------------------------------------------------------------------

    private BoundExpr datePart(ScalarFn fn) {
        arity(1);
        DataType t = args.get(0).type();
        if (t.kind() == TypeKind.NULL) {
            return new BoundExpr.Literal(null, DataType.INT32);
        }
        if (!t.kind().isTemporal()) {
            throw mismatch(call.function() + " needs a date or timestamp, not " + t);
        }
        boolean timePart = fn == ScalarFn.HOUR || fn == ScalarFn.MINUTE || fn == ScalarFn.SECOND;
        if (timePart && t.kind() == TypeKind.DATE32) {
            throw mismatch(call.function() + " needs a timestamp, not a date");
        }
        return new BoundExpr.Call(fn, List.of(args.get(0).expr()), DataType.INT32);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private void arity(int n) {
        if (args.size() != n) {
            throw invalid("takes " + n + " argument" + (n == 1 ? "" : "s") + ", got " + args.size());
        }
    }

    private int intLiteral(Arg a, String what) {
        if (!a.isLiteral() || !a.type().isInteger() || a.literalValue() == null) {
            throw invalid(what + " must be an integer literal");
        }
        return Math.toIntExact((Long) a.literalValue());
    }

    private String stringLiteral(Arg a, String what) {
        if (!a.isLiteral() || a.type().kind() != TypeKind.UTF8 || a.literalValue() == null) {
            throw invalid(what + " must be a string literal");
        }
        return (String) a.literalValue();
    }

    private PolaroidException invalid(String problem) {
        return PolaroidException.invalidPlan(call.function() + " " + problem + ": " + ExprFormatter.format(call));
    }

    private PolaroidException mismatch(String problem) {
        return PolaroidException.typeMismatch("type mismatch in " + ExprFormatter.format(call) + ": " + problem);
    }

    private static String symbol(String name) {
        return switch (name) {
            case FunctionNames.ADD -> "+";
            case FunctionNames.SUB -> "-";
            case FunctionNames.MUL -> "*";
            case FunctionNames.TRUEDIV -> "/";
            case FunctionNames.FLOORDIV -> "//";
            case FunctionNames.MOD -> "%";
            default -> name;
        };
    }
}
