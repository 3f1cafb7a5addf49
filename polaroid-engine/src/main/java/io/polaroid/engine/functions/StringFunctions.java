package io.polaroid.engine.functions;

import static io.polaroid.engine.functions.FunctionDef.scalar;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.physical.expr.ConcatExpr;
import io.polaroid.engine.physical.expr.StringLengthExpr;
import io.polaroid.engine.physical.expr.StringPredicateExpr;
import io.polaroid.engine.physical.expr.StringTransformExpr;
import io.polaroid.engine.physical.expr.UserRegex;
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
                unary(FunctionNames.STR_LEN_CHARS, ScalarFn.LENGTH, DataType.INT32, "Expr.str.len_chars", "Expr.str().lenChars")
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
