package io.polaroid.engine.functions;

import static io.polaroid.engine.functions.FunctionDef.scalar;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.kernels.ListExpr;
import io.polaroid.engine.kernels.StringSplitExpr;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code list} namespace (Polars' {@code Expr.list}) and {@code str.split}, which makes lists.
 * Every function takes the list first and literals after it; lengths and counts are i32 (Polars'
 * u32, as {@code str.len_chars}), sums follow {@code sum}'s rule, means are f64, and the rest keep
 * the element or list type.
 */
final class ListFunctions implements FunctionFamily {
    @Override
    public String name() {
        return "lists";
    }

    @Override
    public List<FunctionDef> functions() {
        return List.of(
                scalar(FunctionNames.STR_SPLIT, "str.split(s: str, by: str lit) -> list[str]", "Expr.str.split",
                        "Expr.str().split", c -> {
                            c.arity(2);
                            String by = c.stringLiteral(c.arg(1), "by");
                            return new BoundExpr.Call(ScalarFn.STR_SPLIT, List.of(c.string(c.arg(0)),
                                    new BoundExpr.Literal(by, DataType.UTF8)), DataType.list(DataType.UTF8));
                        }),
                scalar(FunctionNames.LIST_LEN, "list.len(l: list) -> i32", "Expr.list.len", "Expr.list().len",
                        c -> call(c, 1, ScalarFn.LIST_LEN, DataType.INT32)),
                scalar(FunctionNames.LIST_GET, "list.get(l: list, index: int lit[, null_on_oob: bool lit = false]) -> element",
                        "Expr.list.get", "Expr.list().get", c -> {
                            if (c.size() != 2 && c.size() != 3) {
                                throw c.invalid("takes a list, an index and optionally null_on_oob");
                            }
                            boolean nullOnOob = c.size() == 3 && c.boolLiteral(c.arg(2), "null_on_oob");
                            return get(c, c.intLiteral(c.arg(1), "index"), nullOnOob);
                        }),
                scalar(FunctionNames.LIST_FIRST, "list.first(l: list) -> element (null if empty)", "Expr.list.first",
                        "Expr.list().first", c -> {
                            c.arity(1);
                            return get(c, 0, true);
                        }),
                scalar(FunctionNames.LIST_LAST, "list.last(l: list) -> element (null if empty)", "Expr.list.last",
                        "Expr.list().last", c -> {
                            c.arity(1);
                            return get(c, -1, true);
                        }),
                scalar(FunctionNames.LIST_CONTAINS, "list.contains(l: list, item: lit) -> bool", "Expr.list.contains",
                        "Expr.list().contains", ListFunctions::contains),
                scalar(FunctionNames.LIST_SUM, "list.sum(l: list) -> i64 | f64 | decimal(38, s) (0 if empty)", "Expr.list.sum",
                        "Expr.list().sum", c -> {
                            DataType e = element(c);
                            DataType result = switch (e.kind()) {
                                case BOOL, INT8, INT16, INT32, INT64 -> DataType.INT64;
                                case FLOAT32, FLOAT64 -> DataType.FLOAT64;
                                case DECIMAL -> DataType.decimal(DataType.MAX_DECIMAL_PRECISION, e.scale());
                                default -> throw c.mismatch("list.sum needs a list of numbers, not " + c.arg(0).type());
                            };
                            return call(c, 1, ScalarFn.LIST_SUM, result);
                        }),
                scalar(FunctionNames.LIST_MIN, "list.min(l: list) -> element", "Expr.list.min", "Expr.list().min",
                        c -> extreme(c, ScalarFn.LIST_MIN)),
                scalar(FunctionNames.LIST_MAX, "list.max(l: list) -> element", "Expr.list.max", "Expr.list().max",
                        c -> extreme(c, ScalarFn.LIST_MAX)),
                scalar(FunctionNames.LIST_MEAN, "list.mean(l: list) -> f64", "Expr.list.mean", "Expr.list().mean", c -> {
                    DataType e = element(c);
                    if (!e.isNumeric() && e.kind() != TypeKind.BOOL) {
                        throw c.mismatch("list.mean needs a list of numbers, not " + c.arg(0).type());
                    }
                    return call(c, 1, ScalarFn.LIST_MEAN, DataType.FLOAT64);
                }),
                scalar(FunctionNames.LIST_JOIN, "list.join(l: list[str], separator: str lit) -> str (nulls skipped)",
                        "Expr.list.join", "Expr.list().join", c -> {
                            c.arity(2);
                            if (element(c).kind() != TypeKind.UTF8) {
                                throw c.mismatch("list.join needs a list of strings, not " + c.arg(0).type());
                            }
                            return call(c, ScalarFn.LIST_JOIN, DataType.UTF8, c.stringLiteral(c.arg(1), "separator"));
                        }),
                scalar(FunctionNames.LIST_UNIQUE, "list.unique(l: list) -> list (first-seen order)", "Expr.list.unique",
                        "Expr.list().unique", c -> call(c, 1, ScalarFn.LIST_UNIQUE, c.arg(0).type())),
                scalar(FunctionNames.LIST_N_UNIQUE, "list.n_unique(l: list) -> i32 (null counts)", "Expr.list.n_unique",
                        "Expr.list().nUnique", c -> call(c, 1, ScalarFn.LIST_N_UNIQUE, DataType.INT32)),
                scalar(FunctionNames.LIST_SORT, "list.sort(l: list[, descending: bool lit = false[, nulls_last: bool lit = false]]) -> list",
                        "Expr.list.sort", "Expr.list().sort", c -> {
                            if (c.size() < 1 || c.size() > 3) {
                                throw c.invalid("takes a list and optionally descending and nulls_last");
                            }
                            element(c);
                            boolean descending = c.size() > 1 && c.boolLiteral(c.arg(1), "descending");
                            boolean nullsLast = c.size() > 2 && c.boolLiteral(c.arg(2), "nulls_last");
                            return call(c, ScalarFn.LIST_SORT, c.arg(0).type(), descending, nullsLast);
                        }),
                scalar(FunctionNames.LIST_REVERSE, "list.reverse(l: list) -> list", "Expr.list.reverse", "Expr.list().reverse",
                        c -> call(c, 1, ScalarFn.LIST_REVERSE, c.arg(0).type())),
                scalar(FunctionNames.LIST_SLICE, "list.slice(l: list, offset: int lit[, length: int lit]) -> list",
                        "Expr.list.slice", "Expr.list().slice", c -> {
                            if (c.size() != 2 && c.size() != 3) {
                                throw c.invalid("takes a list, an offset and optionally a length");
                            }
                            element(c);
                            Long length = c.given(2) ? (long) c.intLiteral(c.arg(2), "length") : null;
                            return call(c, ScalarFn.LIST_SLICE, c.arg(0).type(), (long) c.intLiteral(c.arg(1), "offset"), length);
                        }),
                scalar(FunctionNames.LIST_HEAD, "list.head(l: list[, n: int lit = 5]) -> list", "Expr.list.head",
                        "Expr.list().head", c -> {
                            element(c);
                            long n = c.size() > 1 ? c.intLiteral(c.arg(1), "n") : 5;
                            return call(c, ScalarFn.LIST_SLICE, c.arg(0).type(), 0L, n);
                        }),
                scalar(FunctionNames.LIST_TAIL, "list.tail(l: list[, n: int lit = 5]) -> list", "Expr.list.tail",
                        "Expr.list().tail", c -> {
                            element(c);
                            long n = c.size() > 1 ? c.intLiteral(c.arg(1), "n") : 5;
                            return call(c, ScalarFn.LIST_SLICE, c.arg(0).type(), -n, null);
                        }));
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        Map<ScalarFn, Kernel> kernels = new HashMap<>();
        Kernel list = (call, compile) -> new ListExpr(call.fn(), compile.apply(call.args().get(0)),
                call.args().subList(1, call.args().size()).stream().map(Kernel::literal).toList(), call.type());
        for (ScalarFn fn : List.of(ScalarFn.LIST_LEN, ScalarFn.LIST_GET, ScalarFn.LIST_CONTAINS, ScalarFn.LIST_SUM,
                ScalarFn.LIST_MIN, ScalarFn.LIST_MAX, ScalarFn.LIST_MEAN, ScalarFn.LIST_JOIN, ScalarFn.LIST_UNIQUE,
                ScalarFn.LIST_N_UNIQUE, ScalarFn.LIST_SORT, ScalarFn.LIST_REVERSE, ScalarFn.LIST_SLICE)) {
            kernels.put(fn, list);
        }
        kernels.put(ScalarFn.STR_SPLIT, (call, compile) -> new StringSplitExpr(compile.apply(call.args().get(0)),
                (String) Kernel.literal(call.args().get(1))));
        return kernels;
    }

    /** The element type of the list argument, failing with a type mismatch when it is not a list. */
    static DataType element(Binding c) {
        if (c.size() == 0) {
            throw c.invalid("needs a list");
        }
        DataType t = c.arg(0).type();
        if (!t.isList()) {
            throw c.mismatch(c.function() + " needs a list, not " + t);
        }
        return t.element();
    }

    private static BoundExpr call(Binding c, int arity, ScalarFn fn, DataType result) {
        c.arity(arity);
        element(c);
        return new BoundExpr.Call(fn, List.of(c.arg(0).expr()), result);
    }

    /** A call of the list and literal parameters (a null parameter is a null literal of i64). */
    static BoundExpr call(Binding c, ScalarFn fn, DataType result, Object... params) {
        List<BoundExpr> args = new ArrayList<>(List.of(c.arg(0).expr()));
        for (Object p : params) {
            DataType t = p instanceof String ? DataType.UTF8 : p instanceof Boolean ? DataType.BOOL : DataType.INT64;
            args.add(new BoundExpr.Literal(p, t));
        }
        return new BoundExpr.Call(fn, args, result);
    }

    private static BoundExpr get(Binding c, long index, boolean nullOnOob) {
        DataType e = element(c);
        return call(c, ScalarFn.LIST_GET, e, index, nullOnOob);
    }

    private static BoundExpr extreme(Binding c, ScalarFn fn) {
        DataType e = element(c);
        if (e.isList() || e.kind() == TypeKind.INTERVAL) {
            throw c.mismatch(c.function() + " of a list of " + e);
        }
        return call(c, 1, fn, e);
    }

    private static BoundExpr contains(Binding c) {
        c.arity(2);
        DataType e = element(c);
        TypeCoercion.Arg item = c.arg(1);
        if (!item.isLiteral()) {
            throw c.invalid("item must be a literal");
        }
        Object value = item.literalValue();
        if (value != null && !(e.isNumeric() && item.type().isNumeric()) && item.type().kind() != e.kind()) {
            throw c.mismatch("list.contains of a " + item.type() + " in a list of " + e);
        }
        if (value instanceof java.math.BigDecimal d && !e.isDecimal()) {
            value = d.doubleValue();
        }
        return new BoundExpr.Call(ScalarFn.LIST_CONTAINS, List.of(c.arg(0).expr(), new BoundExpr.Literal(value, item.type())),
                DataType.BOOL);
    }
}
