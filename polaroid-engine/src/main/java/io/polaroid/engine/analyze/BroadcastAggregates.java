package io.polaroid.engine.analyze;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.ExprFormatter;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.dsl.SortKey;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.AggCall;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.expr.WindowCall;
import io.polaroid.engine.expr.WindowFn;
import io.polaroid.engine.functions.FunctionRegistry;
import io.polaroid.engine.plan.GroupOrder;
import io.polaroid.engine.plan.JoinKind;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.AggregateNode;
import io.polaroid.engine.plan.LogicalPlan.JoinNode;
import io.polaroid.engine.plan.LogicalPlan.WindowNode;
import io.polaroid.engine.plan.NamedAgg;
import io.polaroid.engine.plan.NamedWindowCall;
import io.polaroid.engine.plan.SortSpec;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Interval;
import io.polaroid.engine.types.Schema;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aggregations and order-dependent functions where rows are computed, as Polars has them.
 * Aggregations outside a window are over the whole frame: {@code filter(col("a") > col("a").mean())},
 * {@code with_columns(col("a").sum())}. Inside {@code over(keys)} they are per group of the keys:
 * {@code col("a").min().over("k")}. Each set of keys becomes one aggregate of the input (no keys:
 * one row) joined back to every row on its keys (no keys: a cross join, which the cluster
 * broadcasts); nulls in keys form a group of their own, as in Polars, so the join compares
 * {@code (coalesce(key, default), key is null)}. The order-dependent functions ({@code rank},
 * {@code cum_sum}, {@code shift}, ...) of each window (keys and order; none: the whole frame in row
 * order) become one {@link WindowNode} after the aggregates, so that their arguments may use them.
 */
final class BroadcastAggregates {
    /** The input with the aggregates' columns added, and a resolver that binds aggregations and windows to them. */
    record Broadcast(LogicalPlan plan, ExprResolver resolver) {
    }

    /** A window: its partition keys and order. Aggregations depend on the keys alone. */
    private record Frame(List<Expr> keys, List<SortKey> order) {
        static final Frame WHOLE = new Frame(List.of(), List.of());
    }

    /** The aggregations over one set of partition keys (none: the whole frame), by call, and their columns. */
    private static final class Group {
        final List<Expr> keys;
        final Map<Expr.Call, NamedAgg> aggs = new LinkedHashMap<>();

        Group(List<Expr> keys) {
            this.keys = keys;
        }
    }

    /** The order-dependent calls of one window, and the columns they got (once planned). */
    private static final class Ordered {
        final Frame frame;
        final Map<Expr.Call, NamedWindowCall> calls = new LinkedHashMap<>();

        Ordered(Frame frame) {
            this.frame = frame;
        }
    }

    /** What {@link #collect} gathers from the expressions. */
    private record Found(Map<List<Expr>, Group> groups, Map<Frame, Ordered> windows) {
    }

    private BroadcastAggregates() {
    }

    /** Whether {@code e} holds an aggregation, a window or an order-dependent function that a row-wise context must plan. */
    static boolean needed(Expr e) {
        return ExprResolver.hasAggregate(e) || hasWindow(e) || hasWindowFunction(e);
    }

    static Broadcast of(LogicalPlan input, List<Expr> exprs) {
        Schema schema = input.schema();
        for (Expr e : exprs) {
            checkColumns(e, schema); // errors list the input's columns, not the helpers' columns
        }
        ExprResolver inputResolver = new ExprResolver(schema);
        Found found = new Found(new LinkedHashMap<>(), new LinkedHashMap<>());
        Set<String> taken = new HashSet<>(schema.names());
        for (Expr e : exprs) {
            collect(e, found, inputResolver, taken);
        }
        LogicalPlan plan = input;
        for (Group g : found.groups().values()) {
            plan = g.keys.isEmpty() ? totals(plan, input, g) : perGroup(plan, input, g, inputResolver, taken);
        }
        for (Ordered w : found.windows().values()) {
            plan = window(plan, w, found, inputResolver, taken);
        }
        return new Broadcast(plan, resolver(plan.schema(), found, Frame.WHOLE));
    }

    /** A resolver over {@code schema} whose aggregations and order-dependent calls are the columns of {@code frame}'s. */
    private static ExprResolver resolver(Schema schema, Found found, Frame frame) {
        return new ExprResolver(schema, call -> {
            NamedAgg agg = found.groups().get(frame.keys()).aggs.get(call);
            return new BoundExpr.ColumnRef(agg.name(), agg.call().type());
        }, window -> resolver(schema, found, new Frame(window.partitionBy(), window.orderBy())).resolve(window.expr()),
                call -> {
                    NamedWindowCall f = found.windows().get(frame).calls.get(call);
                    return new BoundExpr.ColumnRef(f.name(), f.call().type());
                });
    }

    /**
     * Registers the aggregations of {@code e} with the group of their window's keys, and its
     * order-dependent calls with their window.
     */
    private static void collect(Expr e, Found found, ExprResolver inputResolver, Set<String> taken) {
        record Pending(Expr expr, Frame frame, boolean inWindowFunction) {
        }
        Deque<Pending> pending = new ArrayDeque<>(List.of(new Pending(e, Frame.WHOLE, false)));
        while (!pending.isEmpty()) {
            Pending next = pending.pop();
            Frame frame = next.frame();
            if (next.expr() instanceof Expr.Call c && FunctionNames.AGGREGATES.contains(c.function())) {
                if (!frame.order().isEmpty() && (c.function().equals(FunctionNames.FIRST) || c.function().equals(FunctionNames.LAST))) {
                    throw PolaroidException.notSupported(c.function() + "() in an over() with order_by is not supported;"
                            + " sort the frame first: " + ExprFormatter.format(e));
                }
                Group g = found.groups().computeIfAbsent(frame.keys(), Group::new);
                if (!g.aggs.containsKey(c)) {
                    AggCall agg = Analyzer.aggregateCall(c, inputResolver);
                    g.aggs.put(c, new NamedAgg(fresh("__agg", taken), agg));
                }
            } else if (next.expr() instanceof Expr.Call c && FunctionRegistry.isWindow(c.function())) {
                if (next.inWindowFunction()) {
                    throw PolaroidException.notSupported("an order-dependent function inside another is not supported;"
                            + " compute the inner one in an earlier with_columns(): " + ExprFormatter.format(e));
                }
                found.windows().computeIfAbsent(frame, Ordered::new).calls.put(c, null);
                if (!c.function().equals(WindowFn.INT_RANGE.wireName())) {
                    for (Expr arg : c.args()) {
                        pending.push(new Pending(arg, frame, true));
                    }
                }
            } else if (next.expr() instanceof Expr.Window w) {
                if (frame != Frame.WHOLE || hasWindow(w.expr())) {
                    throw PolaroidException.invalidPlan("over() cannot be nested: " + ExprFormatter.format(e));
                }
                pending.push(new Pending(w.expr(), new Frame(w.partitionBy(), w.orderBy()), next.inWindowFunction()));
            } else {
                for (Expr child : children(next.expr())) {
                    pending.push(new Pending(child, frame, next.inWindowFunction()));
                }
            }
        }
    }

    /** The order-dependent calls of one window as one window node over {@code plan}. */
    private static LogicalPlan window(LogicalPlan plan, Ordered w, Found found, ExprResolver inputResolver, Set<String> taken) {
        List<BoundExpr> keys = new ArrayList<>();
        for (Expr k : w.frame.keys()) {
            keys.add(inputResolver.resolve(k));
        }
        List<SortSpec> order = new ArrayList<>();
        for (SortKey k : w.frame.order()) {
            order.add(new SortSpec(inputResolver.resolve(k.expr()), k.descending(), k.nullsLast()));
        }
        ExprResolver args = resolver(plan.schema(), found, w.frame);
        List<NamedWindowCall> functions = new ArrayList<>();
        for (Expr.Call call : List.copyOf(w.calls.keySet())) {
            WindowCall bound = FunctionRegistry.window(call, args::resolveArg);
            NamedWindowCall named = new NamedWindowCall(fresh("__win", taken), bound);
            w.calls.put(call, named);
            functions.add(named);
        }
        return new WindowNode(plan, keys, order, functions);
    }

    /** The whole frame's aggregates, one row, joined to every row. */
    private static LogicalPlan totals(LogicalPlan plan, LogicalPlan input, Group g) {
        AggregateNode totals = new AggregateNode(input, List.of(), new ArrayList<>(g.aggs.values()), GroupOrder.ANY);
        return new JoinNode(plan, totals, JoinKind.CROSS, List.of(), List.of());
    }

    /** The aggregates per group of the keys, joined to every row of its group (null keys included). */
    private static LogicalPlan perGroup(LogicalPlan plan, LogicalPlan input, Group g, ExprResolver inputResolver,
                                        Set<String> taken) {
        List<NamedExpr> keys = new ArrayList<>();
        List<BoundExpr> leftKeys = new ArrayList<>();
        List<BoundExpr> rightKeys = new ArrayList<>();
        for (Expr k : g.keys) {
            BoundExpr bound = inputResolver.resolve(k);
            String name = fresh("__key", taken);
            keys.add(new NamedExpr(name, bound));
            BoundExpr onRight = new BoundExpr.ColumnRef(name, bound.type());
            leftKeys.add(valueOrDefault(bound));
            leftKeys.add(new BoundExpr.Call(ScalarFn.IS_NULL, List.of(bound), DataType.BOOL));
            rightKeys.add(valueOrDefault(onRight));
            rightKeys.add(new BoundExpr.Call(ScalarFn.IS_NULL, List.of(onRight), DataType.BOOL));
        }
        AggregateNode groups = new AggregateNode(input, keys, new ArrayList<>(g.aggs.values()), GroupOrder.ANY);
        return new JoinNode(plan, groups, JoinKind.INNER, leftKeys, rightKeys);
    }

    private static BoundExpr valueOrDefault(BoundExpr key) {
        Object zero = switch (key.type().kind()) {
            case BOOL -> false;
            case INT8, INT16, INT32, INT64, TIMESTAMP, DURATION, TIME -> 0L;
            case FLOAT32, FLOAT64 -> 0.0;
            case UTF8 -> "";
            case BINARY -> io.polaroid.engine.types.Bytes.of(new byte[0]);
            case DATE32 -> 0;
            case DECIMAL -> BigDecimal.ZERO.setScale(key.type().scale());
            case INTERVAL -> Interval.ofDays(0);
            default -> null;
        };
        if (zero == null) {
            return key; // a NULL-typed key: every row is in the one null group, which is_null matches
        }
        return new BoundExpr.Call(ScalarFn.COALESCE, List.of(key, new BoundExpr.Literal(zero, key.type())), key.type());
    }

    /** Whether {@code e} reads a column outside any aggregation, so that it has a value per row. */
    static boolean isRowWise(Expr e) {
        Deque<Expr> pending = new ArrayDeque<>(List.of(e));
        while (!pending.isEmpty()) {
            Expr next = pending.pop();
            if (next instanceof Expr.Column || next instanceof Expr.Window
                    || next instanceof Expr.Call c && FunctionRegistry.isWindow(c.function())) {
                return true;
            }
            if (!(next instanceof Expr.Call c && FunctionNames.AGGREGATES.contains(c.function()))) {
                pending.addAll(children(next));
            }
        }
        return false;
    }

    static boolean hasWindow(Expr e) {
        Deque<Expr> pending = new ArrayDeque<>(List.of(e));
        while (!pending.isEmpty()) {
            Expr next = pending.pop();
            if (next instanceof Expr.Window) {
                return true;
            }
            pending.addAll(children(next));
        }
        return false;
    }

    static boolean hasWindowFunction(Expr e) {
        Deque<Expr> pending = new ArrayDeque<>(List.of(e));
        while (!pending.isEmpty()) {
            Expr next = pending.pop();
            if (next instanceof Expr.Call c && FunctionRegistry.isWindow(c.function())) {
                return true;
            }
            pending.addAll(children(next));
        }
        return false;
    }

    private static void checkColumns(Expr e, Schema schema) {
        Deque<Expr> pending = new ArrayDeque<>(List.of(e));
        while (!pending.isEmpty()) {
            Expr next = pending.pop();
            if (next instanceof Expr.Column c && !c.name().equals("*")) {
                schema.field(c.name());
            }
            pending.addAll(children(next));
        }
    }

    static List<Expr> children(Expr e) {
        return io.polaroid.engine.dsl.ExprWalk.children(e);
    }

    private static String fresh(String prefix, Set<String> taken) {
        String name = prefix + taken.size();
        while (!taken.add(name)) {
            name = "_" + name;
        }
        return name;
    }
}
