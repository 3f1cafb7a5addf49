package io.polaroid.engine.functions;

import static io.polaroid.engine.functions.FunctionDef.scalar;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.kernels.ConcatExpr;
import io.polaroid.engine.kernels.StringLengthExpr;
import io.polaroid.engine.kernels.StringMapExpr;
import io.polaroid.engine.kernels.StringPredicateExpr;
import io.polaroid.engine.kernels.StringTransformExpr;
import io.polaroid.engine.kernels.UserRegex;
import io.polaroid.engine.types.DataType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code str} namespace and {@code concat_str}. Patterns are literals; regular expressions are RE2. */
final class StringFunctions implements FunctionFamily {
    @Override
    public String name() {
        return "strings";
    }

    @Override
    public List<FunctionDef> functions() {
        return List.of(
                predicate(FunctionNames.STR_CONTAINS, ScalarFn.CONTAINS, "Expr.str.contains", "Expr.str().contains").sql("contains"),
                predicate(FunctionNames.STR_CONTAINS_REGEX, ScalarFn.CONTAINS_REGEX, "Expr.str.contains",
                        "Expr.str().containsRegex"),
                predicate(FunctionNames.STR_STARTS_WITH, ScalarFn.STARTS_WITH, "Expr.str.starts_with", "Expr.str().startsWith")
                        .sql("starts_with"),
                predicate(FunctionNames.STR_ENDS_WITH, ScalarFn.ENDS_WITH, "Expr.str.ends_with", "Expr.str().endsWith")
                        .sql("ends_with"),
                predicate(FunctionNames.STR_LIKE, ScalarFn.LIKE, "Expr.str.like", "Expr.str().like").notInPolars(),
                scalar(FunctionNames.STR_SLICE, "str.slice(s: str, offset: int lit[, length: int lit]) -> str", "Expr.str.slice",
                        "Expr.str().slice", StringFunctions::slice),
                unary(FunctionNames.STR_LEN_CHARS, ScalarFn.LENGTH, DataType.INT64, "Expr.str.len_chars", "Expr.str().lenChars")
                        .sql("length"),
                unary(FunctionNames.STR_TO_UPPERCASE, ScalarFn.UPPER, DataType.UTF8, "Expr.str.to_uppercase",
                        "Expr.str().toUppercase").sql("upper"),
                unary(FunctionNames.STR_TO_LOWERCASE, ScalarFn.LOWER, DataType.UTF8, "Expr.str.to_lowercase",
                        "Expr.str().toLowercase").sql("lower"),
                scalar(FunctionNames.STR_STRIP_CHARS, "str.strip_chars(s: str[, characters: str lit]) -> str",
                        "Expr.str.strip_chars", "Expr.str().stripChars", StringFunctions::strip).sql("trim"),
                scalar(FunctionNames.STR_TO_DATE, "str.to_date(s: str) -> date (ISO; null where it does not parse)",
                        "Expr.str.to_date", "Expr.str().toDate", c -> {
                            c.arity(1);
                            return new BoundExpr.Cast(c.string(c.arg(0)), DataType.DATE32, false);
                        }),
                scalar(FunctionNames.STR_REPLACE, "str.replace(s: str, pattern: str lit, value: str lit[, literal: bool lit]) -> str",
                        "Expr.str.replace", "Expr.str().replace", c -> replace(c, ScalarFn.REPLACE)),
                scalar(FunctionNames.STR_REPLACE_ALL,
                        "str.replace_all(s: str, pattern: str lit, value: str lit[, literal: bool lit]) -> str",
                        "Expr.str.replace_all", "Expr.str().replaceAll", c -> replace(c, ScalarFn.REPLACE_ALL)),
                map(FunctionNames.STR_REVERSE, ScalarFn.REVERSE, "", "Expr.str.reverse", "Expr.str().reverse", c -> List.of()),
                map(FunctionNames.STR_PAD_START, ScalarFn.PAD_START, ", length: int lit[, fill_char: str lit = ' ']",
                        "Expr.str.pad_start", "Expr.str().padStart", StringFunctions::padding),
                map(FunctionNames.STR_PAD_END, ScalarFn.PAD_END, ", length: int lit[, fill_char: str lit = ' ']",
                        "Expr.str.pad_end", "Expr.str().padEnd", StringFunctions::padding),
                map(FunctionNames.STR_ZFILL, ScalarFn.ZFILL, ", length: int lit", "Expr.str.zfill", "Expr.str().zfill",
                        c -> List.of((long) c.intLiteral(c.arg(1), "length"))),
                map(FunctionNames.STR_HEAD, ScalarFn.STR_HEAD, ", n: int lit", "Expr.str.head", "Expr.str().head",
                        c -> List.of((long) c.intLiteral(c.arg(1), "n"))),
                map(FunctionNames.STR_TAIL, ScalarFn.STR_TAIL, ", n: int lit", "Expr.str.tail", "Expr.str().tail",
                        c -> List.of((long) c.intLiteral(c.arg(1), "n"))),
                map(FunctionNames.STR_STRIP_CHARS_START, ScalarFn.STRIP_START, "[, characters: str lit]",
                        "Expr.str.strip_chars_start", "Expr.str().stripCharsStart", StringFunctions::characters),
                map(FunctionNames.STR_STRIP_CHARS_END, ScalarFn.STRIP_END, "[, characters: str lit]",
                        "Expr.str.strip_chars_end", "Expr.str().stripCharsEnd", StringFunctions::characters),
                scalar(FunctionNames.CONCAT_STR, "concat_str(a, b, ...) -> str (null if any is null)", "concat_str",
                        "Functions.concatStr", StringFunctions::concat).sql("concat"));
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        Map<ScalarFn, Kernel> kernels = new HashMap<>();
        Kernel predicate = (call, compile) -> new StringPredicateExpr(call.fn(), compile.apply(call.args().get(0)),
                (String) Kernel.literal(call.args().get(1)));
        for (ScalarFn fn : List.of(ScalarFn.CONTAINS, ScalarFn.CONTAINS_REGEX, ScalarFn.STARTS_WITH, ScalarFn.ENDS_WITH,
                ScalarFn.LIKE)) {
            kernels.put(fn, predicate);
        }
        kernels.put(ScalarFn.SLICE, (call, compile) -> new StringTransformExpr(call.fn(), compile.apply(call.args().get(0)),
                (Long) Kernel.literal(call.args().get(1)),
                call.args().size() > 2 ? (Long) Kernel.literal(call.args().get(2)) : null, null));
        Kernel caseChange = (call, compile) -> new StringTransformExpr(call.fn(), compile.apply(call.args().get(0)), 0, null, null);
        kernels.put(ScalarFn.UPPER, caseChange);
        kernels.put(ScalarFn.LOWER, caseChange);
        kernels.put(ScalarFn.STRIP, (call, compile) -> new StringTransformExpr(call.fn(), compile.apply(call.args().get(0)), 0,
                null, call.args().size() > 1 ? (String) Kernel.literal(call.args().get(1)) : null));
        Kernel map = (call, compile) -> new StringMapExpr(call.fn(), compile.apply(call.args().get(0)),
                call.args().subList(1, call.args().size()).stream().map(Kernel::literal).toList());
        for (ScalarFn fn : List.of(ScalarFn.REPLACE, ScalarFn.REPLACE_ALL, ScalarFn.REVERSE, ScalarFn.PAD_START,
                ScalarFn.PAD_END, ScalarFn.ZFILL, ScalarFn.STR_HEAD, ScalarFn.STR_TAIL, ScalarFn.STRIP_START, ScalarFn.STRIP_END)) {
            kernels.put(fn, map);
        }
        kernels.put(ScalarFn.LENGTH, (call, compile) -> new StringLengthExpr(compile.apply(call.args().get(0))));
        kernels.put(ScalarFn.CONCAT, (call, compile) -> new ConcatExpr(call.args().stream().map(compile).toList()));
        return kernels;
    }

    private static FunctionDef predicate(String name, ScalarFn fn, String python, String java) {
        return scalar(name, name + "(s: str, pattern: str lit) -> bool", python, java, c -> {
            c.arity(2);
            String pattern = c.stringLiteral(c.arg(1), "pattern");
            if (fn == ScalarFn.CONTAINS_REGEX) {
                UserRegex.compile(pattern); // a bad pattern fails at analysis, named
            }
            return new BoundExpr.Call(fn, List.of(c.string(c.arg(0)), new BoundExpr.Literal(pattern, DataType.UTF8)), DataType.BOOL);
        });
    }

    private static FunctionDef unary(String name, ScalarFn fn, DataType result, String python, String java) {
        return scalar(name, name + "(s: str) -> " + result, python, java, c -> {
            c.arity(1);
            return new BoundExpr.Call(fn, List.of(c.string(c.arg(0))), result);
        });
    }

    /** A string function whose other arguments are literals that {@code params} checks and returns, in order. */
    private static FunctionDef map(String name, ScalarFn fn, String parameters, String python, String java,
                                   java.util.function.Function<Binding, List<Object>> params) {
        return scalar(name, name + "(s: str" + parameters + ") -> str", python, java, c -> {
            if (c.size() == 0) {
                throw c.invalid("needs a string");
            }
            List<BoundExpr> args = new ArrayList<>(List.of(c.string(c.arg(0))));
            for (Object p : params.apply(c)) {
                args.add(new BoundExpr.Literal(p, p instanceof Long ? DataType.INT64 : DataType.UTF8));
            }
            return new BoundExpr.Call(fn, args, DataType.UTF8);
        });
    }

    private static List<Object> padding(Binding c) {
        if (c.size() != 2 && c.size() != 3) {
            throw c.invalid("takes a string, a length and optionally a fill character");
        }
        String fill = c.size() == 3 ? c.stringLiteral(c.arg(2), "fill_char") : " ";
        if (fill.codePointCount(0, fill.length()) != 1) {
            throw c.invalid("fill_char must be one character, not '" + fill + "'");
        }
        return List.of((long) c.intLiteral(c.arg(1), "length"), fill);
    }

    private static List<Object> characters(Binding c) {
        if (c.size() > 2) {
            throw c.invalid("takes a string and optionally the characters to strip");
        }
        List<Object> out = new ArrayList<>();
        out.add(c.given(1) ? c.stringLiteral(c.arg(1), "characters") : null);
        return out;
    }

    private static BoundExpr replace(Binding c, ScalarFn fn) {
        if (c.size() != 3 && c.size() != 4) {
            throw c.invalid("takes a string, a pattern, a value and optionally literal");
        }
        String pattern = c.stringLiteral(c.arg(1), "pattern");
        String value = c.stringLiteral(c.arg(2), "value");
        boolean literal = c.size() == 4 && c.boolLiteral(c.arg(3), "literal");
        if (literal) {
            pattern = com.google.re2j.Pattern.quote(pattern);
            value = value.replace("\\", "\\\\").replace("$", "\\$");
        }
        UserRegex.compile(pattern); // a bad pattern fails at analysis, named
        return new BoundExpr.Call(fn, List.of(c.string(c.arg(0)), new BoundExpr.Literal(pattern, DataType.UTF8),
                new BoundExpr.Literal(value, DataType.UTF8)), DataType.UTF8);
    }

    private static BoundExpr slice(Binding c) {
        if (c.size() != 2 && c.size() != 3) {
            throw c.invalid("takes a string, an offset and optionally a length");
        }
        long offset = c.intLiteral(c.arg(1), "offset");
        List<BoundExpr> out = new ArrayList<>(List.of(c.string(c.arg(0)), new BoundExpr.Literal(offset, DataType.INT64)));
        if (c.given(2)) {
            out.add(new BoundExpr.Literal((long) c.intLiteral(c.arg(2), "length"), DataType.INT64));
        }
        return new BoundExpr.Call(ScalarFn.SLICE, out, DataType.UTF8);
    }

    private static BoundExpr strip(Binding c) {
        if (c.size() != 1 && c.size() != 2) {
            throw c.invalid("takes a string and optionally the characters to strip");
        }
        List<BoundExpr> out = new ArrayList<>(List.of(c.string(c.arg(0))));
        if (c.given(1)) {
            out.add(new BoundExpr.Literal(c.stringLiteral(c.arg(1), "characters"), DataType.UTF8));
        }
        return new BoundExpr.Call(ScalarFn.STRIP, out, DataType.UTF8);
    }

    private static BoundExpr concat(Binding c) {
        if (c.size() == 0) {
            throw c.invalid("needs at least 1 argument");
        }
        List<BoundExpr> out = new ArrayList<>();
        for (TypeCoercion.Arg a : c.args()) {
            out.add(TypeCoercion.castTo(a.expr(), DataType.UTF8));
        }
        return out.size() == 1 ? out.get(0) : new BoundExpr.Call(ScalarFn.CONCAT, out, DataType.UTF8);
    }
}
