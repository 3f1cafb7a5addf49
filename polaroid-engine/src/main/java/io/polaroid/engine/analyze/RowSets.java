package io.polaroid.engine.analyze;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.ExprFormatter;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.dsl.SortKey;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.Placement;
import io.polaroid.engine.expr.WindowFn;
import io.polaroid.engine.functions.FunctionRegistry;
import io.polaroid.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Polars' row-set expressions ({@code sort}, {@code sort_by}, {@code arg_sort}, {@code head},
 * {@code tail}, {@code slice}, {@code top_k(_by)}, {@code bottom_k(_by)}, {@code gather},
 * {@code gather_every}, {@code drop_nulls}, {@code drop_nans}, {@code arg_true}, {@code filter}):
 * each gives a column of its own length from the rows of its window (the frame, a group of
 * {@code group_by}, or a partition of {@code over}). Each becomes a window function over its own
 * order ({@link Placement}) that puts output {@code j} on the window's {@code j}-th row in data
 * order, so what is computed around it stays row by row. Those that give fewer rows (a
 * <em>length</em> per window) leave nulls after their last output: a select keeps only the first
 * rows, and aggregations over them either skip nulls ({@code sum}, {@code first}, ...) or are
 * their length ({@code len}).
 */
public final class RowSets {
    private static final Set<String> NAMES = io.polaroid.engine.dsl.ExprWalk.ROW_SETS;
    /** Aggregations that skip nulls, so the nulls after a row set's last output do not change them. */
    private static final Set<String> SKIP_NULLS = Set.of(FunctionNames.SUM, FunctionNames.MEAN, FunctionNames.MIN,
            FunctionNames.MAX, FunctionNames.COUNT, FunctionNames.FIRST, FunctionNames.MEDIAN, FunctionNames.STD,
            FunctionNames.VAR, FunctionNames.QUANTILE);

    /**
     * A list of expressions with its row sets lifted out.
     *
     * @param steps   aliased window expressions to add to the input, in order (a later one may read an earlier one)
     * @param exprs   the expressions, each reading the lifted columns and named as before
     * @param lengths per expression, its length in each window when a row set at its top gives fewer rows (else null)
     */
    record Lifted(List<Expr> steps, List<Expr> exprs, List<Expr> lengths) {
    }

    /** One row-set call: its value, its window's order, the rows it gives, and its length (null: the window's). */
    private record Spec(Expr value, List<SortKey> order, Placement placement, Expr length) {
    }

    private RowSets() {
    }

    /** Whether {@code e} holds a row-set expression. */
    public static boolean has(Expr e) {
        return io.polaroid.engine.dsl.ExprWalk.hasRowSet(e);
    }

    /** Lifts the row sets of {@code exprs}, whose windows are the groups of {@code keys} (none: the frame). */
    static Lifted lift(List<Expr> exprs, List<Expr> keys, Set<String> taken) {
        List<Expr> steps = new ArrayList<>();
        List<Expr> out = new ArrayList<>();
        List<Expr> lengths = new ArrayList<>();
        for (Expr e : exprs) {
            List<Expr> found = new ArrayList<>();
            Expr rewritten = rewrite(e, keys, steps, found, taken, e, false);
            out.add(new Expr.Alias(OutputNames.unalias(rewritten), OutputNames.of(e)));
            lengths.add(single(found, e));
        }
        return new Lifted(steps, out, lengths);
    }

    private static Expr single(List<Expr> lengths, Expr whole) {
        if (lengths.stream().distinct().count() > 1) {
            throw PolaroidException.notSupported("row-set expressions of different lengths in one expression: "
                    + ExprFormatter.format(whole));
        }
        return lengths.isEmpty() ? null : lengths.get(0);
    }

    private static Expr rewrite(Expr e, List<Expr> keys, List<Expr> steps, List<Expr> lengths, Set<String> taken, Expr whole,
                                boolean inRowSet) {
        if (inRowSet && !has(e) && (e instanceof Expr.Window || e instanceof Expr.Call c && FunctionRegistry.isWindow(c.function()))) {
            // a window inside a row set's argument is computed first, as a column of its own
            if (e instanceof Expr.Window && !keys.isEmpty()) {
                throw PolaroidException.invalidPlan("over() cannot be nested: " + ExprFormatter.format(whole));
            }
            return step(keys.isEmpty() || e instanceof Expr.Window ? e : new Expr.Window(e, keys), steps, taken);
        }
        if (e instanceof Expr.Alias a) {
            return new Expr.Alias(rewrite(a.expr(), keys, steps, lengths, taken, whole, inRowSet), a.name());
        }
        if (e instanceof Expr.Cast c) {
            return new Expr.Cast(rewrite(c.expr(), keys, steps, lengths, taken, whole, inRowSet), c.type(), c.strict());
        }
        if (e instanceof Expr.When w) {
            List<Expr.Branch> branches = new ArrayList<>();
            for (Expr.Branch b : w.branches()) {
                branches.add(new Expr.Branch(rewrite(b.condition(), keys, steps, lengths, taken, whole, inRowSet),
                        rewrite(b.then(), keys, steps, lengths, taken, whole, inRowSet)));
            }
            return new Expr.When(branches, w.otherwise() == null ? null
                    : rewrite(w.otherwise(), keys, steps, lengths, taken, whole, inRowSet));
        }
        if (e instanceof Expr.Window w) {
            if (!has(w.expr())) {
                return w;
            }
            if (!w.orderBy().isEmpty()) {
                throw PolaroidException.notSupported("a row-set expression in an over() with order_by: " + ExprFormatter.format(whole));
            }
            List<Expr> inner = new ArrayList<>();
            Expr body = rewrite(w.expr(), w.partitionBy(), steps, inner, taken, whole, inRowSet);
            if (!inner.isEmpty()) {
                throw PolaroidException.invalidPlan("in over(), an expression must give one value per row of its group or"
                        + " one per group, but this one gives fewer rows: " + ExprFormatter.format(whole));
            }
            return new Expr.Window(body, w.partitionBy(), w.orderBy());
        }
        if (!(e instanceof Expr.Call c)) {
            return e;
        }
        if (FunctionNames.AGGREGATES.contains(c.function())) {
            List<Expr> inner = new ArrayList<>();
            List<Expr> args = new ArrayList<>();
            for (Expr arg : c.args()) {
                args.add(rewrite(arg, keys, steps, inner, taken, whole, inRowSet));
            }
            Expr length = single(inner, whole);
            if (length == null || SKIP_NULLS.contains(c.function())) {
                return new Expr.Call(c.function(), args);
            }
            if (c.function().equals(FunctionNames.LEN) || c.function().equals(FunctionNames.COUNT)) {
                return length;
            }
            throw PolaroidException.notSupported(c.function() + "() of a row-set expression that gives fewer rows than its"
                    + " input: " + ExprFormatter.format(whole));
        }
        List<Expr> args = new ArrayList<>();
        List<Expr> inner = new ArrayList<>();
        boolean rowSet = NAMES.contains(c.function());
        for (Expr arg : c.args()) {
            args.add(rewrite(arg, keys, steps, rowSet ? inner : lengths, taken, whole, inRowSet || rowSet));
        }
        if (!NAMES.contains(c.function())) {
            return new Expr.Call(c.function(), args);
        }
        if (!inner.isEmpty()) {
            throw PolaroidException.notSupported(c.function() + "() of a row-set expression that gives fewer rows than its"
                    + " input; compute the inner one in an earlier select(): " + ExprFormatter.format(whole));
        }
        Spec spec = spec(new Expr.Call(c.function(), args), keys, steps, taken);
        List<Expr> placeArgs = new ArrayList<>(List.of(spec.value(),
                Expr.Literal.of(spec.placement().kind().name(), DataType.UTF8),
                Expr.Literal.of(spec.placement().offset(), DataType.INT64),
                Expr.Literal.of(spec.placement().length(), DataType.INT64),
                Expr.Literal.of(spec.placement().positions(), DataType.BOOL)));
        if (spec.placement().indices() != null) {
            for (long i : spec.placement().indices()) {
                placeArgs.add(Expr.Literal.of(i, DataType.INT64));
            }
        }
        Expr place = new Expr.Call(WindowFn.PLACE.wireName(), placeArgs);
        Expr column = step(keys.isEmpty() && spec.order().isEmpty() ? place : new Expr.Window(place, keys, spec.order()),
                steps, taken);
        if (spec.length() != null) {
            lengths.add(spec.length());
        }
        return column;
    }

    /** The column computing {@code e}, added to {@code steps} unless an earlier step computes it already. */
    private static Expr step(Expr e, List<Expr> steps, Set<String> taken) {
        for (Expr s : steps) {
            if (s instanceof Expr.Alias a && a.expr().equals(e)) {
                return new Expr.Column(a.name());
            }
        }
        String name = fresh(taken);
        steps.add(new Expr.Alias(e, name));
        return new Expr.Column(name);
    }

    private static Spec spec(Expr.Call c, List<Expr> keys, List<Expr> steps, Set<String> taken) {
        List<Expr> a = c.args();
        if (a.isEmpty()) {
            throw PolaroidException.invalidPlan(c.function() + "() needs a column or expression");
        }
        Expr x = a.get(0);
        Expr len = call(FunctionNames.LEN);
        return switch (c.function()) {
            case FunctionNames.SORT -> new Spec(x, List.of(new SortKey(x, flag(c, 1), flag(c, 2))), Placement.all(false), null);
            case FunctionNames.ARG_SORT -> new Spec(Expr.Literal.of(true, DataType.BOOL),
                    List.of(new SortKey(x, flag(c, 1), flag(c, 2))), Placement.all(true), null);
            case FunctionNames.SORT_BY -> new Spec(x, keys(c, 1), Placement.all(false), null);
            case FunctionNames.HEAD -> prefix(x, List.of(), 0, count(c, 1), len);
            case FunctionNames.TAIL -> new Spec(x, List.of(), Placement.slice(-count(c, 1), -1), min(lit(count(c, 1)), len));
            case FunctionNames.SLICE -> slice(c, x, len);
            case FunctionNames.TOP_K, FunctionNames.BOTTOM_K -> prefix(x,
                    List.of(new SortKey(x, c.function().equals(FunctionNames.TOP_K), true)), 0, count(c, 1), len);
            case FunctionNames.TOP_K_BY, FunctionNames.BOTTOM_K_BY -> prefix(x, keys(c, 2), 0, count(c, 1), len);
            case FunctionNames.GATHER -> {
                long[] indices = new long[a.size() - 1];
                for (int i = 1; i < a.size(); i++) {
                    indices[i - 1] = integer(c, i);
                }
                yield new Spec(x, List.of(), new Placement(Placement.Kind.INDICES, 0, -1, indices, false),
                        lit(indices.length));
            }
            case FunctionNames.GATHER_EVERY -> {
                long n = count(c, 1);
                long offset = a.size() > 2 ? count(c, 2) : 0;
                if (n < 1) {
                    throw PolaroidException.invalidPlan("gather_every() needs a step of at least 1: " + ExprFormatter.format(c));
                }
                // ceil((len - offset) / n), or 0 when the offset is past the end
                Expr rest = call(FunctionNames.SUB, len, lit(offset));
                Expr length = new Expr.When(List.of(new Expr.Branch(call(FunctionNames.LT, rest, lit(1)), lit(0))),
                        call(FunctionNames.FLOORDIV, call(FunctionNames.ADD, rest, lit(n - 1)), lit(n)));
                yield new Spec(x, List.of(), new Placement(Placement.Kind.EVERY, offset, n, null, false), length);
            }
            case FunctionNames.DROP_NULLS -> new Spec(x, List.of(new SortKey(call(FunctionNames.IS_NULL, x), false, false)),
                    Placement.all(false), call(FunctionNames.COUNT, x));
            case FunctionNames.DROP_NANS -> {
                Expr nan = call(FunctionNames.COALESCE, call(FunctionNames.IS_NAN, x), Expr.Literal.of(false, DataType.BOOL));
                Expr kept = new Expr.When(List.of(new Expr.Branch(call(FunctionNames.NOT, nan), x)), null);
                yield new Spec(kept, List.of(new SortKey(nan, false, false)), Placement.all(false),
                        call(FunctionNames.SUB, len, countWhere(nan)));
            }
            case FunctionNames.ARG_TRUE -> where(x, x, true, keys, steps, taken);
            default -> {
                if (a.size() != 2) {
                    throw PolaroidException.invalidPlan("filter() takes one predicate: " + ExprFormatter.format(c));
                }
                yield where(x, a.get(1), false, keys, steps, taken);
            }
        };
    }

    /** The values of {@code x} (or their positions) where {@code predicate} holds (in the window of {@code keys}). */
    private static Spec where(Expr x, Expr predicate, boolean positions, List<Expr> keys, List<Expr> steps,
                              Set<String> taken) {
        // computed first as a column of its own: it may hold aggregations, which a window's order cannot
        Expr condition = call(FunctionNames.COALESCE, predicate, Expr.Literal.of(false, DataType.BOOL));
        Expr holds = step(keys.isEmpty() ? condition : new Expr.Window(condition, keys), steps, taken);
        // the rows where it holds go first (in data order); the others, after them, are null
        Expr value = new Expr.When(List.of(new Expr.Branch(holds, positions ? Expr.Literal.of(true, DataType.BOOL) : x)), null);
        return new Spec(value, List.of(new SortKey(call(FunctionNames.NOT, holds), false, false)), Placement.all(positions),
                countWhere(holds));
    }

    private static Spec prefix(Expr x, List<SortKey> order, long offset, long n, Expr len) {
        return new Spec(x, order, Placement.slice(offset, n), min(lit(n), len));
    }

    /** {@code slice(x, offset, length)}: its length is {@code min(length, len - start)}, the start clamped to the window. */
    private static Spec slice(Expr.Call c, Expr x, Expr len) {
        long offset = integer(c, 1);
        boolean bounded = c.args().size() > 2 && !(c.args().get(2) instanceof Expr.Literal l && l.value() == null);
        long length = bounded ? count(c, 2) : -1;
        Expr start = offset >= 0 ? min(lit(offset), len) : max(call(FunctionNames.ADD, len, lit(offset)), lit(0));
        Expr rest = call(FunctionNames.SUB, len, start);
        return new Spec(x, List.of(), Placement.slice(offset, length), bounded ? min(lit(length), rest) : rest);
    }

    /** Sort keys given as (expression, descending, nulls_last) triples from argument {@code from} on. */
    private static List<SortKey> keys(Expr.Call c, int from) {
        List<Expr> a = c.args();
        if (a.size() <= from || (a.size() - from) % 3 != 0) {
            throw PolaroidException.invalidPlan(c.function() + "() needs sort keys as (expression, descending, nulls_last): "
                    + ExprFormatter.format(c));
        }
        List<SortKey> keys = new ArrayList<>();
        for (int i = from; i < a.size(); i += 3) {
            keys.add(new SortKey(a.get(i), flag(c, i + 1), flag(c, i + 2)));
        }
        return keys;
    }

    private static boolean flag(Expr.Call c, int i) {
        if (c.args().size() <= i) {
            return false;
        }
        if (c.args().get(i) instanceof Expr.Literal l && l.value() instanceof Boolean b) {
            return b;
        }
        throw PolaroidException.invalidPlan(c.function() + "() needs a bool literal as argument " + i + ": " + ExprFormatter.format(c));
    }

    private static long integer(Expr.Call c, int i) {
        if (c.args().size() > i && c.args().get(i) instanceof Expr.Literal l && l.value() instanceof Number n) {
            return n.longValue();
        }
        throw PolaroidException.invalidPlan(c.function() + "() needs an integer literal as argument " + i + ": "
                + ExprFormatter.format(c));
    }

    private static long count(Expr.Call c, int i) {
        long n = integer(c, i);
        if (n < 0) {
            throw PolaroidException.invalidPlan(c.function() + "() needs a count of at least 0, not " + n + ": "
                    + ExprFormatter.format(c));
        }
        return n;
    }

    private static Expr countWhere(Expr holds) {
        return call(FunctionNames.COUNT, new Expr.When(List.of(new Expr.Branch(holds, lit(1))), null));
    }

    private static Expr min(Expr a, Expr b) {
        return new Expr.When(List.of(new Expr.Branch(call(FunctionNames.LT, a, b), a)), b);
    }

    private static Expr max(Expr a, Expr b) {
        return new Expr.When(List.of(new Expr.Branch(call(FunctionNames.LT, a, b), b)), a);
    }

    private static Expr lit(long v) {
        return Expr.Literal.of(v, DataType.INT64);
    }

    private static Expr call(String function, Expr... args) {
        return new Expr.Call(function, List.of(args));
    }

    private static String fresh(Set<String> taken) {
        String name = "__rowset" + taken.size();
        while (!taken.add(name)) {
            name = "_" + name;
        }
        return name;
    }
}
