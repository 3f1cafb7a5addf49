package io.polaroid.engine.functions;

import static io.polaroid.engine.functions.FunctionDef.scalar;

import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.kernels.ListElementsExpr;
import io.polaroid.engine.kernels.ListMoreExpr;
import io.polaroid.engine.kernels.PhysicalExpr;
import io.polaroid.engine.types.Casts;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.types.TypeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * More of Polars' {@code Expr.list}: aggregates of each list ({@code all}, {@code arg_max},
 * {@code median}, {@code std} ...), lists made from each list ({@code diff}, {@code shift},
 * {@code gather} ...), and functions of several lists ({@code concat_list} and the set operations).
 * Types follow Polars, except that its u32 positions and counts are i64 here (as {@code arg_max} of
 * a column); median, std and var are f32 for a list of f32 and f64 otherwise. List arguments come
 * first in a call, literal parameters after them.
 */
final class ListMoreFunctions implements FunctionFamily {
    @Override
    public String name() {
        return "lists_more";
    }

    @Override
    public List<FunctionDef> functions() {
        return List.of(
                scalar(FunctionNames.LIST_ALL, "list.all(l: list[bool][, ignore_nulls: bool lit = true]) -> bool (true if empty)",
                        "Expr.list.all", "Expr.list().all", c -> logic(c, ScalarFn.LIST_ALL)),
                scalar(FunctionNames.LIST_ANY, "list.any(l: list[bool][, ignore_nulls: bool lit = true]) -> bool (false if empty)",
                        "Expr.list.any", "Expr.list().any", c -> logic(c, ScalarFn.LIST_ANY)),
                scalar(FunctionNames.LIST_ARG_MAX, "list.arg_max(l: list) -> i64 (null if no value)", "Expr.list.arg_max",
                        "Expr.list().argMax", c -> position(c, ScalarFn.LIST_ARG_MAX)),
                scalar(FunctionNames.LIST_ARG_MIN, "list.arg_min(l: list) -> i64 (null if no value)", "Expr.list.arg_min",
                        "Expr.list().argMin", c -> position(c, ScalarFn.LIST_ARG_MIN)),
                scalar(FunctionNames.LIST_COUNT_MATCHES, "list.count_matches(l: list, element: lit) -> i64 (null matches null)",
                        "Expr.list.count_matches", "Expr.list().countMatches", ListMoreFunctions::countMatches),
                scalar(FunctionNames.LIST_DIFF,
                        "list.diff(l: list[number][, n: int lit = 1[, null_behavior: str lit = 'ignore' | 'drop']]) -> list",
                        "Expr.list.diff", "Expr.list().diff", ListMoreFunctions::diff),
                scalar(FunctionNames.LIST_DROP_NULLS, "list.drop_nulls(l: list) -> list", "Expr.list.drop_nulls",
                        "Expr.list().dropNulls", c -> {
                            c.arity(1);
                            return call(c, ScalarFn.LIST_DROP_NULLS, list(c).type());
                        }),
                scalar(FunctionNames.LIST_GATHER,
                        "list.gather(l: list, indices: list[int][, null_on_oob: bool lit = false]) -> list", "Expr.list.gather",
                        "Expr.list().gather", ListMoreFunctions::gather),
                scalar(FunctionNames.LIST_GATHER_EVERY, "list.gather_every(l: list, n: int lit[, offset: int lit = 0]) -> list",
                        "Expr.list.gather_every", "Expr.list().gatherEvery", c -> {
                            if (c.size() != 2 && c.size() != 3) {
                                throw c.invalid("takes a list, n and optionally an offset");
                            }
                            DataType t = list(c).type();
                            long n = c.intLiteral(c.arg(1), "n");
                            long offset = c.given(2) ? c.intLiteral(c.arg(2), "offset") : 0;
                            if (n < 1 || offset < 0) {
                                throw c.invalid("needs n >= 1 and offset >= 0");
                            }
                            return call(c, ScalarFn.LIST_GATHER_EVERY, t, n, offset);
                        }),
                scalar(FunctionNames.LIST_ITEM, "list.item(l: list[, allow_empty: bool lit = false]) -> element (the one value)",
                        "Expr.list.item", "Expr.list().item", c -> {
                            if (c.size() != 1 && c.size() != 2) {
                                throw c.invalid("takes a list and optionally allow_empty");
                            }
                            DataType e = list(c).type().element();
                            return call(c, ScalarFn.LIST_ITEM, e, c.size() == 2 && c.boolLiteral(c.arg(1), "allow_empty"));
                        }),
                scalar(FunctionNames.LIST_MEDIAN, "list.median(l: list[number]) -> f64 (f32 of f32; null of bool, as Polars)",
                        "Expr.list.median", "Expr.list().median", c -> {
                            c.arity(1);
                            return call(c, ScalarFn.LIST_MEDIAN, statistic(c));
                        }),
                scalar(FunctionNames.LIST_STD, "list.std(l: list[number][, ddof: int lit = 1]) -> f64 (f32 of f32)",
                        "Expr.list.std", "Expr.list().std", c -> spread(c, ScalarFn.LIST_STD)),
                scalar(FunctionNames.LIST_VAR, "list.var(l: list[number][, ddof: int lit = 1]) -> f64 (f32 of f32)",
                        "Expr.list.var", "Expr.list().var", c -> spread(c, ScalarFn.LIST_VAR)),
                scalar(FunctionNames.LIST_SHIFT, "list.shift(l: list[, n: int lit = 1]) -> list (nulls shifted in)",
                        "Expr.list.shift", "Expr.list().shift", c -> {
                            if (c.size() != 1 && c.size() != 2) {
                                throw c.invalid("takes a list and optionally n");
                            }
                            DataType t = list(c).type();
                            return call(c, ScalarFn.LIST_SHIFT, t, c.size() == 2 ? (long) c.intLiteral(c.arg(1), "n") : 1L);
                        }),
                scalar(FunctionNames.LIST_SET_UNION, "list.set_union(a: list, b: list) -> list (distinct, a's order then b's)",
                        "Expr.list.set_union", "Expr.list().setUnion", c -> set(c, ScalarFn.LIST_SET_UNION)),
                scalar(FunctionNames.LIST_SET_INTERSECTION, "list.set_intersection(a: list, b: list) -> list (distinct, a's order)",
                        "Expr.list.set_intersection", "Expr.list().setIntersection", c -> set(c, ScalarFn.LIST_SET_INTERSECTION)),
                scalar(FunctionNames.LIST_SET_DIFFERENCE, "list.set_difference(a: list, b: list) -> list (distinct, a's order)",
                        "Expr.list.set_difference", "Expr.list().setDifference", c -> set(c, ScalarFn.LIST_SET_DIFFERENCE)),
                scalar(FunctionNames.LIST_SET_SYMMETRIC_DIFFERENCE,
                        "list.set_symmetric_difference(a: list, b: list) -> list (a's values not in b, then b's not in a)",
                        "Expr.list.set_symmetric_difference", "Expr.list().setSymmetricDifference",
                        c -> set(c, ScalarFn.LIST_SET_SYMMETRIC_DIFFERENCE)),
                scalar(FunctionNames.LIST_CONCAT, "list.concat(l: list, other: list | value, ...) -> list (null if a list is null)",
                        "Expr.list.concat", "Expr.list().concat", ListMoreFunctions::concat),
                scalar(FunctionNames.CONCAT_LIST, "concat_list(a: list | value, ...) -> list (a value is a list of one; null if a list is null)",
                        "concat_list", "Functions.concatList", ListMoreFunctions::concat),
                scalar(FunctionNames.LIST_EVAL, "list.eval(l: list, f: element-wise expr of pl.element()) -> list[type of f]",
                        "Expr.list.eval", "Expr.list().eval", c -> {
                            c.arity(2);
                            list(c);
                            return new BoundExpr.Call(ScalarFn.LIST_EVAL, List.of(c.arg(0).expr(), c.arg(1).expr()),
                                    c.arg(1).type());
                        }),
                scalar(FunctionNames.LIST_FILTER, "list.filter(l: list, p: element-wise bool expr of pl.element()) -> list",
                        "Expr.list.filter", "Expr.list().filter", c -> {
                            c.arity(2);
                            DataType t = list(c).type();
                            TypeKind p = c.arg(1).type().element().kind();
                            if (p != TypeKind.BOOL && p != TypeKind.NULL) {
                                throw c.mismatch("list.filter needs a bool predicate, not " + c.arg(1).type().element());
                            }
                            return new BoundExpr.Call(ScalarFn.LIST_FILTER, List.of(c.arg(0).expr(), c.arg(1).expr()), t);
                        }));
    }

    @Override
    public Map<ScalarFn, Kernel> kernels() {
        Map<ScalarFn, Kernel> kernels = new HashMap<>();
        for (ScalarFn fn : List.of(ScalarFn.LIST_ALL, ScalarFn.LIST_ANY, ScalarFn.LIST_ARG_MAX, ScalarFn.LIST_ARG_MIN,
                ScalarFn.LIST_COUNT_MATCHES, ScalarFn.LIST_DIFF, ScalarFn.LIST_DROP_NULLS, ScalarFn.LIST_GATHER,
                ScalarFn.LIST_GATHER_EVERY, ScalarFn.LIST_ITEM, ScalarFn.LIST_MEDIAN, ScalarFn.LIST_STD, ScalarFn.LIST_VAR,
                ScalarFn.LIST_SHIFT, ScalarFn.LIST_SET_UNION, ScalarFn.LIST_SET_INTERSECTION, ScalarFn.LIST_SET_DIFFERENCE,
                ScalarFn.LIST_SET_SYMMETRIC_DIFFERENCE, ScalarFn.CONCAT_LIST)) {
            kernels.put(fn, (call, compile) -> {
                int inputs = ListMoreExpr.inputs(call.fn(), call.args().size());
                List<PhysicalExpr> compiled = call.args().subList(0, inputs).stream().map(compile).toList();
                List<Object> params = call.args().subList(inputs, call.args().size()).stream().map(Kernel::literal).toList();
                return new ListMoreExpr(call.fn(), compiled, params, call.type());
            });
        }
        for (ScalarFn fn : List.of(ScalarFn.LIST_EVAL, ScalarFn.LIST_FILTER)) {
            kernels.put(fn, (call, compile) -> {
                PhysicalExpr list = compile.apply(call.args().get(0));
                Schema element = Schema.of(new Field(ListElementsExpr.ELEMENT, list.type().element(), true));
                BoundExpr f = (BoundExpr) Kernel.literal(call.args().get(1));
                return new ListElementsExpr(call.fn(), list, new ExprCompiler(element).compile(f), call.type());
            });
        }
        return kernels;
    }

    /** Argument 0, failing with a type mismatch when it is not a list. */
    private static TypeCoercion.Arg list(Binding c) {
        ListFunctions.element(c);
        return c.arg(0);
    }

    private static BoundExpr call(Binding c, ScalarFn fn, DataType result, Object... params) {
        return ListFunctions.call(c, fn, result, params);
    }

    private static BoundExpr logic(Binding c, ScalarFn fn) {
        if (c.size() != 1 && c.size() != 2) {
            throw c.invalid("takes a list and optionally ignore_nulls");
        }
        TypeKind e = list(c).type().element().kind();
        if (e != TypeKind.BOOL && e != TypeKind.NULL) {
            throw c.mismatch(c.function() + " needs a list of bool, not " + c.arg(0).type());
        }
        return call(c, fn, DataType.BOOL, c.size() == 1 || c.boolLiteral(c.arg(1), "ignore_nulls"));
    }

    private static BoundExpr position(Binding c, ScalarFn fn) {
        c.arity(1);
        DataType e = list(c).type().element();
        if (e.isList() || e.kind() == TypeKind.INTERVAL) {
            throw c.mismatch(c.function() + " of a list of " + e);
        }
        return call(c, fn, DataType.INT64);
    }

    private static BoundExpr countMatches(Binding c) {
        c.arity(2);
        DataType e = list(c).type().element();
        TypeCoercion.Arg item = c.arg(1);
        if (!item.isLiteral()) {
            throw c.invalid("element must be a literal");
        }
        Object value = item.literalValue();
        if (value != null && !item.type().equals(e)) {
            boolean numbers = e.isNumeric() && item.type().isNumeric();
            if (!numbers && item.type().kind() != e.kind()) {
                throw c.mismatch("list.count_matches of a " + item.type() + " in a list of " + e);
            }
            value = Casts.convert(value, item.type(), e, false);
        }
        return new BoundExpr.Call(ScalarFn.LIST_COUNT_MATCHES, List.of(c.arg(0).expr(), new BoundExpr.Literal(value, e)),
                DataType.INT64);
    }

    private static BoundExpr diff(Binding c) {
        if (c.size() < 1 || c.size() > 3) {
            throw c.invalid("takes a list and optionally n and null_behavior");
        }
        DataType t = list(c).type();
        if (!t.element().isNumeric()) {
            throw c.mismatch("list.diff needs a list of numbers, not " + t);
        }
        long n = c.given(1) ? c.intLiteral(c.arg(1), "n") : 1;
        String nulls = c.given(2) ? c.stringLiteral(c.arg(2), "null_behavior") : "ignore";
        if (!nulls.equals("ignore") && !nulls.equals("drop")) {
            throw c.invalid("null_behavior must be 'ignore' or 'drop', not '" + nulls + "'");
        }
        return call(c, ScalarFn.LIST_DIFF, t, n, nulls.equals("drop"));
    }

    private static BoundExpr gather(Binding c) {
        if (c.size() != 2 && c.size() != 3) {
            throw c.invalid("takes a list, the indices and optionally null_on_oob");
        }
        DataType t = list(c).type();
        DataType indices = c.arg(1).type();
        if (!indices.isList() || !indices.element().isInteger() && indices.element().kind() != TypeKind.NULL) {
            throw c.mismatch("list.gather needs a list of integers as indices, not " + indices);
        }
        boolean nullOnOob = c.size() == 3 && c.boolLiteral(c.arg(2), "null_on_oob");
        return new BoundExpr.Call(ScalarFn.LIST_GATHER, List.of(c.arg(0).expr(), c.arg(1).expr(),
                new BoundExpr.Literal(nullOnOob, DataType.BOOL)), t);
    }

    /** The type of median, std and var: f32 for a list of f32, else f64. */
    private static DataType statistic(Binding c) {
        DataType e = list(c).type().element();
        if (!e.isNumeric() && e.kind() != TypeKind.BOOL) {
            throw c.mismatch(c.function() + " needs a list of numbers, not " + c.arg(0).type());
        }
        return e.kind() == TypeKind.FLOAT32 ? DataType.FLOAT32 : DataType.FLOAT64;
    }

    private static BoundExpr spread(Binding c, ScalarFn fn) {
        if (c.size() != 1 && c.size() != 2) {
            throw c.invalid("takes a list and optionally ddof");
        }
        DataType result = statistic(c);
        return call(c, fn, result, c.size() == 2 ? (long) c.intLiteral(c.arg(1), "ddof") : 1L);
    }

    private static BoundExpr set(Binding c, ScalarFn fn) {
        c.arity(2);
        DataType a = list(c).type();
        DataType b = c.arg(1).type();
        if (!b.isList()) {
            throw c.mismatch(c.function() + " needs two lists, not " + a + " and " + b);
        }
        DataType element = TypeCoercion.supertype(a.element(), b.element());
        if (element == null) {
            throw c.mismatch(c.function() + " of a list of " + a.element() + " and a list of " + b.element());
        }
        return new BoundExpr.Call(fn, List.of(c.arg(0).expr(), c.arg(1).expr()), DataType.list(element));
    }

    /**
     * {@code concat_list}: the element type all arguments meet at (a list brings its element type,
     * a value its own); literals that can take that type exactly (a dynamic 1 in a list of i32) do.
     */
    private static DataType meet(Binding c, DataType element, DataType t) {
        DataType meet = element == null ? t : TypeCoercion.supertype(element, t);
        if (meet == null) {
            throw c.mismatch(c.function() + " of values of " + element + " and " + t);
        }
        return meet;
    }

    private static BoundExpr concat(Binding c) {
        if (c.size() == 0) {
            throw c.invalid("needs at least one list or value");
        }
        if (c.function().equals(FunctionNames.LIST_CONCAT)) {
            list(c);
        }
        DataType element = null;
        for (TypeCoercion.Arg a : c.args()) {
            if (!a.isLiteral()) {
                element = meet(c, element, a.type().isList() ? a.type().element() : a.type());
            }
        }
        for (TypeCoercion.Arg a : c.args()) {
            if (a.isLiteral() && (element == null || a.type().isList() || TypeCoercion.adaptLiteral(a, element) == null)) {
                element = meet(c, element, a.type().isList() ? a.type().element() : a.type());
            }
        }
        List<BoundExpr> args = new ArrayList<>();
        for (TypeCoercion.Arg a : c.args()) {
            BoundExpr.Literal adapted = a.isLiteral() && !a.type().isList() ? TypeCoercion.adaptLiteral(a, element) : null;
            args.add(adapted != null ? adapted : a.expr());
        }
        return new BoundExpr.Call(ScalarFn.CONCAT_LIST, args, DataType.list(element));
    }
}
