package io.polaroid.engine.analyze;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.expr.AggCall;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.plan.GroupOrder;
import io.polaroid.engine.plan.JoinKind;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.AggregateNode;
import io.polaroid.engine.plan.LogicalPlan.JoinNode;
import io.polaroid.engine.plan.NamedAgg;
import io.polaroid.engine.types.Schema;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregations where rows are computed, broadcast as Polars does: {@code filter(col("a") >
 * col("a").mean())}, {@code with_columns(col("a").sum())}, {@code select(col("a"), col("a").max())}.
 * Every distinct aggregation is computed once over the whole input (one global aggregate), its
 * single row is joined to every input row (a cross join, which the cluster broadcasts), and the
 * expressions refer to its columns.
 */
final class WholeFrameAggregates {
    /** The input with the aggregates' columns added, and a resolver that binds those aggregations to them. */
    record Broadcast(LogicalPlan plan, ExprResolver resolver) {
    }

    private WholeFrameAggregates() {
    }

    static Broadcast of(LogicalPlan input, List<Expr> exprs) {
        Schema schema = input.schema();
        ExprResolver inputResolver = new ExprResolver(schema);
        for (Expr e : exprs) {
            checkColumns(e, schema); // errors list the input's columns, not the aggregates' helpers
        }
        Map<Expr.Call, NamedAgg> aggs = new LinkedHashMap<>();
        for (Expr e : exprs) {
            for (Expr.Call call : aggregateCalls(e)) {
                if (!aggs.containsKey(call)) {
                    AggCall agg = Analyzer.aggregateCall(call, inputResolver);
                    aggs.put(call, new NamedAgg(freshName(schema, aggs.size()), agg));
                }
            }
        }
        AggregateNode totals = new AggregateNode(input, List.of(), new ArrayList<>(aggs.values()), GroupOrder.ANY);
        JoinNode joined = new JoinNode(input, totals, JoinKind.CROSS, List.of(), List.of());
        ExprResolver resolver = new ExprResolver(joined.schema(), call -> {
            NamedAgg agg = aggs.get(call);
            return new BoundExpr.ColumnRef(agg.name(), agg.call().type());
        });
        return new Broadcast(joined, resolver);
    }

    /** Whether {@code e} reads a column outside any aggregation, so that it has a value per row. */
    static boolean isRowWise(Expr e) {
        Deque<Expr> pending = new ArrayDeque<>(List.of(e));
        while (!pending.isEmpty()) {
            Expr next = pending.pop();
            if (next instanceof Expr.Column) {
                return true;
            }
            if (!(next instanceof Expr.Call c && FunctionNames.AGGREGATES.contains(c.function()))) {
                pending.addAll(children(next));
            }
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

    /** The aggregation calls in {@code e}, outermost ones only (aggregations do not nest). */
    private static List<Expr.Call> aggregateCalls(Expr e) {
        List<Expr.Call> out = new ArrayList<>();
        Deque<Expr> pending = new ArrayDeque<>(List.of(e));
        while (!pending.isEmpty()) {
            Expr next = pending.pop();
            if (next instanceof Expr.Call c && FunctionNames.AGGREGATES.contains(c.function())) {
                out.add(c);
            } else {
                pending.addAll(children(next));
            }
        }
        return out;
    }

    private static List<Expr> children(Expr e) {
        if (e instanceof Expr.Call c) {
            return c.args();
        }
        if (e instanceof Expr.Alias a) {
            return List.of(a.expr());
        }
        if (e instanceof Expr.Cast c) {
            return List.of(c.expr());
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

    private static String freshName(Schema schema, int index) {
        String name = "__agg" + index;
        while (schema.contains(name)) {
            name = "_" + name;
        }
        return name;
    }
}
