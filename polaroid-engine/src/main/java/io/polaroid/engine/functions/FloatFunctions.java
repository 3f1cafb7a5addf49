package io.polaroid.engine.functions;

import static io.polaroid.engine.functions.FunctionDef.scalar;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.functions.TypeCoercion.Arg;
import io.polaroid.engine.kernels.DoubleFunctionExpr;
import io.polaroid.engine.kernels.DoubleTestExpr;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Functions of floating-point numbers, as Polars has them: {@code sqrt}, {@code exp}, logarithms and
 * trigonometry of any number give f64, of an f32 an f32 as in Polars (IEEE 754: the square root of -1 is NaN, log of 0 is -inf);
 * {@code is_nan}, {@code is_finite} and {@code is_infinite} test them (an integer is never NaN).
 */
final class FloatFunctions implements FunctionFamily {
    private static final Map<String, ScalarFn> UNARY = Map.ofEntries(Map.entry(FunctionNames.SQRT, ScalarFn.SQRT),
            Map.entry(FunctionNames.CBRT, ScalarFn.CBRT), Map.entry(FunctionNames.EXP, ScalarFn.EXP),
            Map.entry(FunctionNames.LOG10, ScalarFn.LOG10), Map.entry(FunctionNames.LOG1P, ScalarFn.LOG1P),
            Map.entry(FunctionNames.SIN, ScalarFn.SIN), Map.entry(FunctionNames.COS, ScalarFn.COS),
            Map.entry(FunctionNames.TAN, ScalarFn.TAN), Map.entry(FunctionNames.COT, ScalarFn.COT),
            Map.entry(FunctionNames.ARCSIN, ScalarFn.ARCSIN), Map.entry(FunctionNames.ARCCOS, ScalarFn.ARCCOS),
            Map.entry(FunctionNames.ARCTAN, ScalarFn.ARCTAN), Map.entry(FunctionNames.SINH, ScalarFn.SINH),
            Map.entry(FunctionNames.COSH, ScalarFn.COSH), Map.entry(FunctionNames.TANH, ScalarFn.TANH),
            Map.entry(FunctionNames.ARCSINH, ScalarFn.ARCSINH), Map.entry(FunctionNames.ARCCOSH, ScalarFn.ARCCOSH),
            Map.entry(FunctionNames.ARCTANH, ScalarFn.ARCTANH), Map.entry(FunctionNames.DEGREES, ScalarFn.DEGREES),
            Map.entry(FunctionNames.RADIANS, ScalarFn.RADIANS));
    private static final Map<String, ScalarFn> TESTS = Map.of(FunctionNames.IS_NAN, ScalarFn.IS_NAN,
            FunctionNames.IS_FINITE, ScalarFn.IS_FINITE, FunctionNames.IS_INFINITE, ScalarFn.IS_INFINITE);

    @Override
    public String name() {
        return "floats";
    }

    @Override
    public List<FunctionDef> functions() {
        List<FunctionDef> out = new ArrayList<>();
        for (String name : UNARY.keySet().stream().sorted().toList()) {
            out.add(scalar(name, name + "(x: number) -> f64 (f32 of f32)", "Expr." + name, "Expr." + name, c -> {
                c.arity(1);
                BoundExpr result = new BoundExpr.Call(UNARY.get(name), List.of(asDouble(c, c.arg(0))), DataType.FLOAT64);
                return c.arg(0).type().kind() == TypeKind.FLOAT32 ? new BoundExpr.Cast(result, DataType.FLOAT32, false) : result;
            }));
        }
        out.add(scalar(FunctionNames.LOG, "log(x: number[, base: number lit = e]) -> f64", "Expr.log", "Expr.log", c -> {
            if (c.size() != 1 && c.size() != 2) {
                throw c.invalid("takes a number and optionally a base");
            }
            BoundExpr ln = new BoundExpr.Call(ScalarFn.LN, List.of(asDouble(c, c.arg(0))), DataType.FLOAT64);
            if (c.size() == 1) {
                return ln;
            }
            Arg base = c.arg(1);
            if (!base.isLiteral() || !base.type().isNumeric() || base.literalValue() == null) {
                throw c.invalid("base must be a number literal");
            }
            double logOfBase = Math.log(((Number) base.literalValue()).doubleValue());
            return new BoundExpr.Call(ScalarFn.DIV, List.of(ln, new BoundExpr.Literal(logOfBase, DataType.FLOAT64)),
                    DataType.FLOAT64);
        }));
        for (String name : TESTS.keySet().stream().sorted().toList()) {
            out.add(scalar(name, name + "(x: number) -> bool", "Expr." + name, "Expr." + DateFunctions.camel(name),
                    c -> test(c, TESTS.get(name))));
        }
        out.add(scalar(FunctionNames.IS_NOT_NAN, "is_not_nan(x: number) -> bool", "Expr.is_not_nan", "Expr.isNotNan",
                c -> new BoundExpr.Call(ScalarFn.NOT, List.of(test(c, ScalarFn.IS_NAN)), DataType.BOOL)));
        return out;
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        Map<ScalarFn, Kernel> kernels = new EnumMap<>(ScalarFn.class);
        Kernel function = (call, compile) -> new DoubleFunctionExpr(call.fn(), compile.apply(call.args().get(0)));
        for (ScalarFn fn : UNARY.values()) {
            kernels.put(fn, function);
        }
        for (ScalarFn fn : List.of(ScalarFn.LN, ScalarFn.FLOOR, ScalarFn.CEIL, ScalarFn.SIGN)) {
            kernels.put(fn, function);
        }
        Kernel test = (call, compile) -> new DoubleTestExpr(call.fn(), compile.apply(call.args().get(0)));
        for (ScalarFn fn : TESTS.values()) {
            kernels.put(fn, test);
        }
        return kernels;
    }

    private static BoundExpr test(Binding c, ScalarFn fn) {
        c.arity(1);
        return new BoundExpr.Call(fn, List.of(asDouble(c, c.arg(0))), DataType.BOOL);
    }

    /** A number as an f64 (a null literal becomes a null f64). */
    static BoundExpr asDouble(Binding c, Arg a) {
        DataType t = a.type();
        if (t.kind() != TypeKind.NULL && !t.isNumeric()) {
            throw c.mismatch(c.function() + " needs a number, not " + t);
        }
        return TypeCoercion.castTo(a.expr(), DataType.FLOAT64);
    }
}
