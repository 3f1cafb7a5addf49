package io.polaroid.engine.analyze;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.ExprFormatter;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.AggCall;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.plan.GroupOrder;
import io.polaroid.engine.plan.JoinKind;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.AggregateNode;
import io.polaroid.engine.plan.LogicalPlan.JoinNode;
import io.polaroid.engine.plan.NamedAgg;
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
 * Aggregations where rows are computed, broadcast as Polars does. Outside a window they are over
 * the whole frame: {@code filter(col("a") > col("a").mean())}, {@code with_columns(col("a").sum())}.
 * Inside {@code over(keys)} they are per group of the keys: {@code col("a").min().over("k")}.
 * Each set of keys becomes one aggregate of the input (no keys: one row) joined back to every row
 * on its keys (no keys: a cross join, which the cluster broadcasts); nulls in keys form a group of
 * their own, as in Polars, so the join compares {@code (coalesce(key, default), key is null)}.
 */
final class BroadcastAggregates {
    /** The input with the aggregates' columns added, and a resolver that binds aggregations and windows to them. */
    record Broadcast(LogicalPlan plan, ExprResolver resolver) {
    }

    /** The aggregations over one set of partition keys (none: the whole frame), by call, and their columns. */
    private static final class Group {
        final List<Expr> keys;
        final Map<Expr.Call, NamedAgg> aggs = new LinkedHashMap<>();

        Group(List<Expr> keys) {
            this.keys = keys;
        }
    }

    private BroadcastAggregates() {
    }

    /** Whether {@code e} holds an aggregation or a window that a row-wise context must broadcast. */
    static boolean needed(Expr e) {
        return ExprResolver.hasAggregate(e) || hasWindow(e);
    }

    static Broadcast of(LogicalPlan input, List<Expr> exprs) {
        Schema schema = input.schema();
        for (Expr e : exprs) {
            checkColumns(e, schema); // errors list the input's columns, not the helpers' columns
        }
        ExprResolver inputResolver = new ExprResolver(schema);
        Map<List<Expr>, Group> groups = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>(schema.names());
        for (Expr e : exprs) {
            collect(e, List.of(), groups, inputResolver, taken);
        }
        LogicalPlan plan = input;
        for (Group g : groups.values()) {
            plan = g.keys.isEmpty() ? totals(plan, input, g) : perGroup(plan, input, g, inputResolver, taken);
        }
        ExprResolver resolver = resolver(plan.schema(), groups, List.of());
        return new Broadcast(plan, resolver);
    }

    /** A resolver over {@code schema} whose aggregations are the columns of the group of {@code keys}. */
    private static ExprResolver resolver(Schema schema, Map<List<Expr>, Group> groups, List<Expr> keys) {
        return new ExprResolver(schema, call -> {
            NamedAgg agg = groups.get(keys).aggs.get(call);
            return new BoundExpr.ColumnRef(agg.name(), agg.call().type());
        }, window -> resolver(schema, groups, window.partitionBy()).resolve(window.expr()));
    }

    /** Registers the aggregations of {@code e} with the group of {@code keys}, and those of its windows with theirs. */
    private static void collect(Expr e, List<Expr> keys, Map<List<Expr>, Group> groups, ExprResolver inputResolver,
                                Set<String> taken) {
        Deque<Expr> pending = new ArrayDeque<>(List.of(e));
        while (!pending.isEmpty()) {
            Expr next = pending.pop();
            if (next instanceof Expr.Call c && FunctionNames.AGGREGATES.contains(c.function())) {
                Group g = groups.computeIfAbsent(keys, Group::new);
                if (!g.aggs.containsKey(c)) {
                    AggCall agg = Analyzer.aggregateCall(c, inputResolver);
                    g.aggs.put(c, new NamedAgg(fresh("__agg", taken), agg));
                }
            } else if (next instanceof Expr.Window w) {
                if (!keys.isEmpty() || hasWindow(w.expr())) {
                    throw PolaroidException.invalidPlan("over() cannot be nested: " + ExprFormatter.format(e));
                }
                collect(w.expr(), w.partitionBy(), groups, inputResolver, taken);
            } else {
                pending.addAll(children(next));
            }
        }
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
            case INT8, INT16, INT32, INT64, TIMESTAMP -> 0L;
            case FLOAT32, FLOAT64 -> 0.0;
            case UTF8 -> "";
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
            if (next instanceof Expr.Column || next instanceof Expr.Window) {
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
        if (e instanceof Expr.Call c) {
            return c.args();
        }
        if (e instanceof Expr.Alias a) {
            return List.of(a.expr());
        }
        if (e instanceof Expr.Cast c) {
            return List.of(c.expr());
        }
        if (e instanceof Expr.Window w) {
            List<Expr> out = new ArrayList<>(w.partitionBy());
            out.add(w.expr());
            return out;
        }
        if (e instanceof Expr.When w) {
            List<Expr> out = new ArrayList<>();
            for (Expr.Branch b : w.branches()) {
                out.add(b.condition());
                out.add(b.then());
            }
            if (w.otherwise() != null) {
                out.add(w.otherwise());
            }
            return out;
        }
        return List.of();
    }

    private static String fresh(String prefix, Set<String> taken) {
        String name = prefix + taken.size();
        while (!taken.add(name)) {
            name = "_" + name;
        }
        return name;
    }
}
