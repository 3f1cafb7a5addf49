package io.polaroid.engine.sql;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Scalars;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;

/**
 * Scalar SQL functions by name, as DuckDB spells and means them, turned into the engine's calls:
 * 1-based {@code substring}, {@code round} half away from zero, {@code ln}, {@code date('...')}.
 * A name the engine's function registry knows under a SQL spelling is a plain call.
 */
final class SqlFunctions {
    private SqlFunctions() {
    }

    static Expr call(String name, SqlCall call, ExprTranslator t) {
        List<SqlNode> ops = call.getOperandList();
        switch (name) {
            case "substring", "substr":
                return substring(t.translateAll(ops), name);
            case "left":
                return new Expr.Call(FunctionNames.STR_HEAD, t.translateAll(ops));
            case "right":
                return new Expr.Call(FunctionNames.STR_TAIL, t.translateAll(ops));
            case "char_length", "character_length", "len":
                return new Expr.Call(FunctionNames.STR_LEN_CHARS, t.translateAll(ops));
            case "ltrim":
                return strip(FunctionNames.STR_STRIP_CHARS_START, t.translateAll(ops));
            case "rtrim":
                return strip(FunctionNames.STR_STRIP_CHARS_END, t.translateAll(ops));
            case "replace":
                return new Expr.Call(FunctionNames.STR_REPLACE_ALL, append(t.translateAll(ops), Expr.Literal.of(true, DataType.BOOL)));
            case "reverse":
                return new Expr.Call(FunctionNames.STR_REVERSE, t.translateAll(ops));
            case "lpad":
                return new Expr.Call(FunctionNames.STR_PAD_START, t.translateAll(ops));
            case "rpad":
                return new Expr.Call(FunctionNames.STR_PAD_END, t.translateAll(ops));
            case "prefix":
                return new Expr.Call(FunctionNames.STR_STARTS_WITH, t.translateAll(ops));
            case "suffix":
                return new Expr.Call(FunctionNames.STR_ENDS_WITH, t.translateAll(ops));
            case "regexp_matches":
                return new Expr.Call(FunctionNames.STR_CONTAINS_REGEX, t.translateAll(ops));
            case "round":
                return round(t.translateAll(ops));
            case "ln":
                return new Expr.Call(FunctionNames.LOG, t.translateAll(ops));
            case "log10":
                return new Expr.Call("log10", t.translateAll(ops));
            case "power", "pow":
                return new Expr.Call(FunctionNames.POW, t.translateAll(ops));
            case "nullif": {
                Expr a = t.translate(ops.get(0));
                Expr eq = new Expr.Call(FunctionNames.EQ, List.of(a, t.translate(ops.get(1))));
                return new Expr.When(List.of(new Expr.Branch(eq, Expr.Literal.of(null, DataType.NULL))), a);
            }
            case "ifnull":
                return new Expr.Call(FunctionNames.COALESCE, t.translateAll(ops));
            case "date":
                return date(t.translate(ops.get(0)));
            case "year", "month", "day", "quarter", "hour", "minute", "second", "dayofweek", "dayofyear":
                return ExprTranslator.datePart(name.replace("dayofweek", "dow").replace("dayofyear", "doy"), t.translate(ops.get(0)));
            case "date_part", "datepart":
                return ExprTranslator.datePart(text(t.translate(ops.get(0)), name), t.translate(ops.get(1)));
            case "date_trunc", "datetrunc":
                return new Expr.Call(FunctionNames.DT_TRUNCATE, List.of(t.translate(ops.get(1)),
                        Expr.Literal.of(truncationUnit(text(t.translate(ops.get(0)), name)), DataType.UTF8)));
            case "try_cast":
                return t.cast(ops, false);
            case "greatest", "least":
                return extreme(t.translateAll(ops), name.equals("greatest"));
            default:
                break;
        }
        String wire = ExprTranslator.registered(name);
        if (wire == null || io.polaroid.engine.functions.FunctionRegistry.find(wire).kind()
                != io.polaroid.engine.functions.FunctionDef.Kind.SCALAR) {
            throw PolaroidException.notSupported("the SQL function " + name + "(); see docs/sql.md for the functions");
        }
        return new Expr.Call(wire, t.translateAll(ops));
    }

    /** SQL's 1-based substring with literal positions, as {@code str.slice} from 0. */
    private static Expr substring(List<Expr> args, String name) {
        if (args.size() < 2 || args.size() > 3) {
            throw PolaroidException.notSupported(name + "() takes (text, start[, length])");
        }
        if (!(args.get(1) instanceof Expr.Literal start && start.value() instanceof Long s)) {
            throw PolaroidException.notSupported(name + "() with a start that is not a whole number literal");
        }
        List<Expr> slice = new ArrayList<>(args);
        slice.set(1, new Expr.Literal(Math.max(s - 1, 0), DataType.INT64, true));
        if (s < 1 && args.size() == 3 && args.get(2) instanceof Expr.Literal l && l.value() instanceof Long len) {
            // DuckDB: positions before 1 count against the length
            slice.set(2, new Expr.Literal(Math.max(len + s - 1, 0), DataType.INT64, true));
        }
        return new Expr.Call(FunctionNames.STR_SLICE, slice);
    }

    private static Expr strip(String fn, List<Expr> args) {
        return new Expr.Call(fn, args.size() == 1 ? append(args, Expr.Literal.of(" ", DataType.UTF8)) : args);
    }

    /** SQL rounds halves away from zero. */
    private static Expr round(List<Expr> args) {
        List<Expr> out = new ArrayList<>(args);
        if (out.size() == 1) {
            out.add(new Expr.Literal(0L, DataType.INT32, true));
        }
        out.add(Expr.Literal.of("half_away_from_zero", DataType.UTF8));
        return new Expr.Call(FunctionNames.ROUND, out);
    }

    /** {@code date('1994-01-01')} is a date literal; {@code date(x)} the date of x. */
    private static Expr date(Expr x) {
        if (x instanceof Expr.Literal l && l.value() instanceof String s) {
            return Expr.Literal.of(Scalars.parseDate(s.trim()), DataType.DATE32);
        }
        return new Expr.Cast(x, DataType.DATE32, true);
    }

    private static String text(Expr e, String fn) {
        if (e instanceof Expr.Literal l && l.value() instanceof String s) {
            return s;
        }
        throw PolaroidException.notSupported(fn + "() with a part that is not a string literal");
    }

    private static String truncationUnit(String part) {
        return switch (part.toLowerCase(java.util.Locale.ROOT)) {
            case "year" -> "1y";
            case "quarter" -> "1q";
            case "month" -> "1mo";
            case "week" -> "1w";
            case "day" -> "1d";
            case "hour" -> "1h";
            case "minute" -> "1m";
            case "second" -> "1s";
            default -> throw PolaroidException.notSupported("date_trunc to " + part);
        };
    }

    /** {@code greatest(a, b, ...)} / {@code least}: nulls ignored, as DuckDB. */
    private static Expr extreme(List<Expr> args, boolean greatest) {
        Expr out = args.get(0);
        for (int i = 1; i < args.size(); i++) {
            Expr next = args.get(i);
            Expr better = new Expr.Call(greatest ? FunctionNames.GT : FunctionNames.LT, List.of(next, out));
            Expr take = new Expr.Call(FunctionNames.OR, List.of(new Expr.Call(FunctionNames.IS_NULL, List.of(out)),
                    new Expr.Call(FunctionNames.FILL_NULL, List.of(better, Expr.Literal.of(false, DataType.BOOL)))));
            out = new Expr.When(List.of(new Expr.Branch(take, next)), out);
        }
        return out;
    }

    private static List<Expr> append(List<Expr> args, Expr extra) {
        List<Expr> out = new ArrayList<>(args);
        out.add(extra);
        return out;
    }
}
