package io.polaroid.engine.optimizer;

import io.polaroid.engine.expr.AggCall;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.expr.WindowCall;
import io.polaroid.engine.plan.LogicalPlan.AggregateNode;
import io.polaroid.engine.plan.NamedWindowCall;
import io.polaroid.engine.plan.LogicalPlan.FilterNode;
import io.polaroid.engine.plan.LogicalPlan.JoinNode;
import io.polaroid.engine.plan.LogicalPlan.ProjectNode;
import io.polaroid.engine.plan.LogicalPlan.ScanNode;
import io.polaroid.engine.plan.LogicalPlan.SortNode;
import io.polaroid.engine.plan.NamedAgg;
import io.polaroid.engine.plan.SortSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Rewriting the expressions a node holds (not its children's). */
public final class PlanExpressions {
    private PlanExpressions() {
    }

    /** The node with {@code f} applied to each of its expressions, or empty if none changed. */
    public static Optional<LogicalPlan> rewrite(LogicalPlan node, UnaryOperator<BoundExpr> f) {
        boolean[] changed = new boolean[1];
        UnaryOperator<BoundExpr> g = e -> {
            BoundExpr r = f.apply(e);
            changed[0] |= !r.equals(e);
            return r;
        };
        LogicalPlan result = node;
        if (node instanceof FilterNode n) {
            result = new FilterNode(n.input(), g.apply(n.predicate()));
        } else if (node instanceof ProjectNode n) {
            List<NamedExpr> exprs = new ArrayList<>();
            for (NamedExpr e : n.exprs()) {
                exprs.add(new NamedExpr(e.name(), g.apply(e.expr())));
            }
            result = new ProjectNode(n.input(), exprs);
        } else if (node instanceof AggregateNode n) {
            List<NamedExpr> keys = new ArrayList<>();
            for (NamedExpr k : n.keys()) {
                keys.add(new NamedExpr(k.name(), g.apply(k.expr())));
            }
            List<NamedAgg> aggs = new ArrayList<>();
            for (NamedAgg a : n.aggs()) {
                AggCall call = a.call();
                aggs.add(new NamedAgg(a.name(), call.arg() == null ? call : call.withArg(g.apply(call.arg()))));
            }
            result = new AggregateNode(n.input(), keys, aggs, n.order());
        } else if (node instanceof JoinNode n) {
            result = new JoinNode(n.left(), n.right(), n.kind(), n.leftKeys().stream().map(g).toList(),
                    n.rightKeys().stream().map(g).toList());
        } else if (node instanceof SortNode n) {
            List<SortSpec> keys = new ArrayList<>();
            for (SortSpec k : n.keys()) {
                keys.add(k.withExpr(g.apply(k.expr())));
            }
            result = new SortNode(n.input(), keys, n.fetch());
        } else if (node instanceof LogicalPlan.WindowNode n) {
            List<SortSpec> order = new ArrayList<>();
            for (SortSpec k : n.orderBy()) {
                order.add(k.withExpr(g.apply(k.expr())));
            }
            List<NamedWindowCall> functions = new ArrayList<>();
            for (NamedWindowCall w : n.functions()) {
                WindowCall call = w.call();
                call = call.by() == null ? call : call.withBy(g.apply(call.by()));
                functions.add(new NamedWindowCall(w.name(), call.arg() == null ? call : call.withArg(g.apply(call.arg()))));
            }
            result = new LogicalPlan.WindowNode(n.input(), n.partitionBy().stream().map(g).toList(), order, functions);
        } else if (node instanceof ScanNode n) {
            result = n.withFilters(n.filters().stream().map(g).toList());
        }
        return changed[0] ? Optional.of(result) : Optional.empty();
    }
}
