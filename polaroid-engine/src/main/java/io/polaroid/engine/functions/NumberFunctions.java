package io.polaroid.engine.functions;

import static io.polaroid.engine.functions.FunctionDef.scalar;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.expr.AggFn;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.functions.TypeCoercion.Arg;
import io.polaroid.engine.kernels.NumberExpr;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers as Polars: the bit counts of an integer in its own width ({@code bitwise_count_ones},
 * leading and trailing ones and zeros; Polars' u32 is i64 here, as other counts), the error
 * function {@code erf} and {@code erfc} (f64; f32 stays f32) and {@code round_sig_figs} (computed
 * in f64 as Polars, then back to the type of x, integers truncated). The type rules of the number
 * aggregations ({@code product}, {@code bitwise_and/or/xor}, {@code arg_min/arg_max},
 * {@code approx_quantile}) are here too; they bind as aggregates ({@link AggregateFunctions}).
 */
final class NumberFunctions implements FunctionFamily {
    private static final Map<String, ScalarFn> BITS = new LinkedHashMap<>();

    static {
        BITS.put(FunctionNames.BITWISE_COUNT_ONES, ScalarFn.BITWISE_COUNT_ONES);
        BITS.put(FunctionNames.BITWISE_COUNT_ZEROS, ScalarFn.BITWISE_COUNT_ZEROS);
        BITS.put(FunctionNames.BITWISE_LEADING_ONES, ScalarFn.BITWISE_LEADING_ONES);
        BITS.put(FunctionNames.BITWISE_LEADING_ZEROS, ScalarFn.BITWISE_LEADING_ZEROS);
        BITS.put(FunctionNames.BITWISE_TRAILING_ONES, ScalarFn.BITWISE_TRAILING_ONES);
        BITS.put(FunctionNames.BITWISE_TRAILING_ZEROS, ScalarFn.BITWISE_TRAILING_ZEROS);
    }

    @Override
    public String name() {
        return "numbers";
    }

    /** The bound of x's type, as a constant of it. */
    private static BoundExpr bound(Binding c, boolean lower) {
        c.arity(1);
        DataType t = c.arg(0).type();
        Object value = switch (t.kind()) {
            case INT8 -> (long) (lower ? Byte.MIN_VALUE : Byte.MAX_VALUE);
            case INT16 -> (long) (lower ? Short.MIN_VALUE : Short.MAX_VALUE);
            case INT32 -> (long) (lower ? Integer.MIN_VALUE : Integer.MAX_VALUE);
            case INT64 -> lower ? Long.MIN_VALUE : Long.MAX_VALUE;
            case FLOAT32, FLOAT64 -> lower ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            default -> throw c.mismatch("cannot determine " + (lower ? "lower" : "upper") + " bound for " + t);
        };
        return TypeCoercion.castTo(new BoundExpr.Literal(value, t.isFloat() ? DataType.FLOAT64 : DataType.INT64), t);
    }

    private static BoundExpr toPhysical(Binding c) {
        c.arity(1);
        Arg x = c.arg(0);
        return switch (x.type().kind()) {
            case DATE32 -> TypeCoercion.castTo(x.expr(), DataType.INT32);
            case TIMESTAMP -> TypeCoercion.castTo(x.expr(), DataType.INT64);
            case DECIMAL, LIST, INTERVAL, STRUCT -> throw c.mismatch("to_physical of " + x.type() + " is not supported");
            default -> x.expr();
        };
    }

    @Override
    public List<FunctionDef> functions() {
        List<FunctionDef> out = new ArrayList<>();
        for (Map.Entry<String, ScalarFn> e : BITS.entrySet()) {
            String name = e.getKey();
            out.add(scalar(name, name + "(x: integer) -> i64 (Polars' u32), in the bits of the type of x", "Expr." + name,
                    "Expr." + DateFunctions.camel(name), c -> bits(c, e.getValue())));
        }
        out.add(scalar(FunctionNames.ERF, "erf(x: number) -> f64 (f32 of f32)", "Expr.erf", "Expr.erf",
                c -> erf(c, ScalarFn.ERF)));
        out.add(scalar(FunctionNames.ERFC, "erfc(x: number) -> f64 (f32 of f32)", "Expr.erfc", "Expr.erfc",
                c -> erf(c, ScalarFn.ERFC)));
        out.add(scalar(FunctionNames.ROUND_SIG_FIGS, "round_sig_figs(x: number, digits: int lit) -> type of x",
                "Expr.round_sig_figs", "Expr.roundSigFigs", NumberFunctions::roundSigFigs));
        out.add(scalar(FunctionNames.LOWER_BOUND, "lower_bound(x: number) -> the smallest value of x's type (-inf of floats)",
                "Expr.lower_bound", "Expr.lowerBound", c -> bound(c, true)));
        out.add(scalar(FunctionNames.UPPER_BOUND, "upper_bound(x: number) -> the largest value of x's type (inf of floats)",
                "Expr.upper_bound", "Expr.upperBound", c -> bound(c, false)));
        out.add(scalar(FunctionNames.TO_PHYSICAL, "to_physical(x) -> i32 days of a date, i64 of a datetime, else x",
                "Expr.to_physical", "Expr.toPhysical", NumberFunctions::toPhysical));
        return out;
    }

    private static BoundExpr bits(Binding c, ScalarFn fn) {
        c.arity(1);
        Arg x = c.arg(0);
        DataType t = x.type();
        if (t.kind() == TypeKind.NULL) {
            return new BoundExpr.Literal(null, DataType.INT64);
        }
        if (!t.isInteger()) {
            throw c.mismatch(c.function() + " needs an integer, not " + t);
        }
        return new BoundExpr.Call(fn, List.of(TypeCoercion.castTo(x.expr(), DataType.INT64),
                new BoundExpr.Literal((long) width(t), DataType.INT32)), DataType.INT64);
    }

    private static int width(DataType t) {
        return switch (t.kind()) {
            case INT8 -> 8;
            case INT16 -> 16;
            case INT32 -> 32;
            default -> 64;
        };
    }

    private static BoundExpr erf(Binding c, ScalarFn fn) {
        c.arity(1);
        DataType t = c.arg(0).type();
        BoundExpr call = new BoundExpr.Call(fn, List.of(FloatFunctions.asDouble(c, c.arg(0))), DataType.FLOAT64);
        return t.kind() == TypeKind.FLOAT32 ? TypeCoercion.castTo(call, DataType.FLOAT32) : call;
    }

    /** x rounded in f64; an integer x truncated and saturated to its type (Polars' {@code as}). */
    private static BoundExpr roundSigFigs(Binding c) {
        c.arity(2);
        Arg x = c.arg(0);
        DataType t = x.type();
        int digits = c.intLiteral(c.arg(1), "digits");
        if (digits < 1) {
            throw c.invalid("digits must be at least 1, not " + digits);
        }
        if (t.kind() == TypeKind.NULL) {
            return new BoundExpr.Literal(null, DataType.INT32);
        }
        if (!t.isInteger() && !t.isFloat()) {
            throw c.mismatch("round_sig_figs needs an integer or a float, not " + t);
        }
        // integers: an i64 saturated to the width of x (then cast back to x's type, where it fits)
        boolean integer = t.isInteger();
        BoundExpr call = new BoundExpr.Call(ScalarFn.ROUND_SIG_FIGS, List.of(TypeCoercion.castTo(x.expr(), DataType.FLOAT64),
                new BoundExpr.Literal((long) digits, DataType.INT32),
                new BoundExpr.Literal(integer ? (long) width(t) : 0L, DataType.INT32)),
                integer ? DataType.INT64 : DataType.FLOAT64);
        return t.kind() == TypeKind.FLOAT64 || t.kind() == TypeKind.INT64 ? call : TypeCoercion.castTo(call, t);
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        Map<ScalarFn, Kernel> kernels = new EnumMap<>(ScalarFn.class);
        Kernel bits = (call, compile) -> new NumberExpr(call.fn(), compile.apply(call.args().get(0)), 0,
                (int) (long) (Long) Kernel.literal(call.args().get(1)));
        for (ScalarFn fn : BITS.values()) {
            kernels.put(fn, bits);
        }
        kernels.put(ScalarFn.ROUND_SIG_FIGS, (call, compile) -> new NumberExpr(call.fn(), compile.apply(call.args().get(0)),
                (int) (long) (Long) Kernel.literal(call.args().get(1)), (int) (long) (Long) Kernel.literal(call.args().get(2))));
        Kernel plain = (call, compile) -> new NumberExpr(call.fn(), compile.apply(call.args().get(0)), 0, 0);
        kernels.put(ScalarFn.ERF, plain);
        kernels.put(ScalarFn.ERFC, plain);
        return kernels;
    }

    /** Why {@code fn} cannot aggregate values of type t, or null if it can. */
    static String aggregateProblem(AggFn fn, DataType t) {
        boolean ok = switch (fn) {
            case PRODUCT -> t.isInteger() || t.isFloat() || t.kind() == TypeKind.BOOL;
            case BITWISE_AND, BITWISE_OR, BITWISE_XOR -> t.isInteger() || t.kind() == TypeKind.BOOL;
            case APPROX_QUANTILE -> t.isInteger() || t.isFloat();
            case ARG_MIN, ARG_MAX -> !t.isNested() && t.kind() != TypeKind.INTERVAL;
            default -> false;
        };
        return ok ? null : fn.wireName() + " needs " + switch (fn) {
            case PRODUCT, APPROX_QUANTILE -> "integers or floats";
            case BITWISE_AND, BITWISE_OR, BITWISE_XOR -> "integers or booleans";
            default -> "values that order";
        } + ", not " + t;
    }

    /** The result type of {@code fn} over values of type t (as Polars; u32 positions are i64). */
    static DataType aggregateType(AggFn fn, DataType t) {
        return switch (fn) {
            case PRODUCT -> t.kind() == TypeKind.FLOAT32 ? DataType.FLOAT32 : t.isFloat() ? DataType.FLOAT64 : DataType.INT64;
            case ARG_MIN, ARG_MAX -> DataType.INT64;
            default -> t;
        };
    }
}
