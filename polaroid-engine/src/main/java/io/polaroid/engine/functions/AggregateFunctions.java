package io.polaroid.engine.functions;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.ExprFormatter;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.AggCall;
import io.polaroid.engine.expr.AggFn;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.Quantile;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The aggregates and their result types: sum of integers is i64, of floats f64, of decimal(p, s)
 * decimal(38, s) (DuckDB); mean, median, std and var are f64; count, len and n_unique are i64;
 * min, max, first and last keep the input type; implode makes a list of it. std and var are the
 * sample ones (ddof 1), as Polars.
 */
final class AggregateFunctions implements FunctionFamily {
    @Override
    public String name() {
        return "aggregates";
    }

    @Override
    public List<FunctionDef> functions() {
        List<FunctionDef> out = new ArrayList<>();
        for (AggFn fn : AggFn.values()) {
            String name = fn.wireName();
            String signature = fn == AggFn.LEN ? "len() -> i64 (rows)"
                    : fn == AggFn.QUANTILE ? "quantile(x, q: float lit, interpolation: str lit = 'nearest') -> f64 (f32 of f32)"
                    : fn == AggFn.APPROX_QUANTILE ? "approx_quantile(x: number, q: float lit) -> type of x (exact nearest)"
                    : name + "(x) -> " + switch (fn) {
                case SUM -> "i64 | i32 of i32 (wrapping) | f64 | f32 of f32 | decimal(38, s)";
                case MEAN, MEDIAN, STD, VAR -> "f64 (f32 of f32)";
                case COUNT, N_UNIQUE -> "i64";
                case IMPLODE -> "list[type of x]";
                case PRODUCT -> "i64 | f64 (f32 of f32); 1 for no values";
                case BITWISE_AND, BITWISE_OR, BITWISE_XOR -> "type of x (integer or bool)";
                case ARG_MIN, ARG_MAX -> "i64 (Polars' u32)";
                default -> "type of x";
            };
            FunctionDef def = new FunctionDef(name, FunctionDef.Kind.AGGREGATE, List.of(), signature, "Expr." + name, true,
                    "Expr." + DateFunctions.camel(name), null);
            out.add(fn == AggFn.MEAN ? def.sql("avg") : def);
        }
        return out;
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        return Map.of();
    }

    /** Binds an aggregate call over its bound argument (null for {@code len()}). */
    public static AggCall resolve(Expr.Call call, BoundExpr arg) {
        AggFn fn = AggFn.fromWireName(call.function());
        if (fn == AggFn.LEN) {
            return new AggCall(fn, null, DataType.INT64); // len(x) counts rows, nulls included: x only names it
        }
        if (arg == null) {
            throw PolaroidException.invalidPlan(call.function() + "() needs a column or expression: " + ExprFormatter.format(call));
        }
        DataType t = arg.type();
        if (t.kind() == TypeKind.NULL) {
            arg = TypeCoercion.castTo(arg, DataType.INT32);
            t = arg.type();
        }
        if (t.isNested() && fn != AggFn.IMPLODE && fn != AggFn.COUNT && fn != AggFn.FIRST && fn != AggFn.LAST) {
            throw PolaroidException.notSupported(call.function() + "() of a " + (t.isList() ? "list" : "struct")
                    + " column (" + t + ") is not supported yet: " + ExprFormatter.format(call));
        }
        DataType result = switch (fn) {
            case SUM -> switch (t.kind()) {
                case BOOL, INT8, INT16, INT64 -> DataType.INT64;
                case INT32, FLOAT32, FLOAT64 -> t; // an Int32 sum wraps, as Polars'

                case DECIMAL -> DataType.decimal(DataType.MAX_DECIMAL_PRECISION, t.scale());
                case DURATION -> t;
                default -> throw mismatch(call, "sum needs numbers, not " + t);
            };
            case MEAN, MEDIAN, STD, VAR -> {
                if (fn == AggFn.MEAN && t.isDuration()) {
                    yield t;
                }
                if (!t.isNumeric() && t.kind() != TypeKind.BOOL) {
                    throw mismatch(call, call.function() + " needs numbers, not " + t);
                }
                yield t.kind() == TypeKind.FLOAT32 ? DataType.FLOAT32 : DataType.FLOAT64;
            }
            case MIN, MAX -> {
                if (t.kind() == TypeKind.INTERVAL) {
                    throw mismatch(call, call.function() + " of an interval");
                }
                yield t;
            }
            case COUNT, N_UNIQUE -> DataType.INT64;
            case FIRST, LAST -> t;
            case QUANTILE -> {
                if (!t.isNumeric() && t.kind() != TypeKind.BOOL) {
                    throw mismatch(call, "quantile needs numbers, not " + t);
                }
                yield t.kind() == TypeKind.FLOAT32 ? DataType.FLOAT32 : DataType.FLOAT64;
            }
            case IMPLODE -> DataType.list(t);
            case PRODUCT, BITWISE_AND, BITWISE_OR, BITWISE_XOR, ARG_MIN, ARG_MAX, APPROX_QUANTILE -> {
                String problem = NumberFunctions.aggregateProblem(fn, t);
                if (problem != null) {
                    throw mismatch(call, problem);
                }
                yield NumberFunctions.aggregateType(fn, t);
            }
            default -> throw PolaroidException.internal("aggregate " + fn);
        };
        Quantile q = fn == AggFn.QUANTILE ? quantile(call)
                : fn == AggFn.APPROX_QUANTILE ? new Quantile(quantile(call).q(), Quantile.Interpolation.NEAREST) : null;
        return new AggCall(fn, arg, result, q);
    }

    /** {@code quantile(x, q, interpolation)}: q a literal in [0, 1], the interpolation one of Polars' (default nearest). */
    private static Quantile quantile(Expr.Call call) {
        List<Expr> args = call.args();
        if (call.function().equals(FunctionNames.APPROX_QUANTILE) && args.size() > 2) {
            throw PolaroidException.invalidPlan("approx_quantile takes a value and a quantile: " + ExprFormatter.format(call));
        }
        if (args.size() < 2 || args.size() > 3 || !(args.get(1) instanceof Expr.Literal q) || !(q.value() instanceof Number)) {
            throw PolaroidException.invalidPlan("quantile needs a quantile between 0 and 1 as a number: " + ExprFormatter.format(call));
        }
        double value = ((Number) q.value()).doubleValue();
        if (!(value >= 0 && value <= 1)) {
            throw PolaroidException.invalidPlan("quantile " + value + " is not between 0 and 1: " + ExprFormatter.format(call));
        }
        String name = args.size() == 3 && args.get(2) instanceof Expr.Literal m && m.value() instanceof String s ? s
                : args.size() == 3 ? null : "nearest";
        Quantile.Interpolation interpolation = name == null ? null : Quantile.Interpolation.of(name);
        if (interpolation == null) {
            throw PolaroidException.invalidPlan("quantile interpolation must be one of 'nearest', 'lower', 'higher',"
                    + " 'midpoint', 'linear', 'equiprobable': " + ExprFormatter.format(call));
        }
        return new Quantile(value, interpolation);
    }

    private static PolaroidException mismatch(Expr.Call call, String problem) {
        return PolaroidException.typeMismatch("type mismatch in " + ExprFormatter.format(call) + ": " + problem);
    }
}
