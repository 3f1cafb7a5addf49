package io.polaroid.engine.optimizer.rules;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.Exprs;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.optimizer.OptimizerRule;
import io.polaroid.engine.optimizer.PlanRewrites;
import io.polaroid.engine.plan.JoinKind;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.AggregateNode;
import io.polaroid.engine.plan.LogicalPlan.FilterNode;
import io.polaroid.engine.plan.LogicalPlan.JoinNode;
import io.polaroid.engine.plan.LogicalPlan.ProjectNode;
import io.polaroid.engine.plan.LogicalPlan.ScanNode;
import io.polaroid.engine.plan.LogicalPlan.SortNode;
import io.polaroid.engine.plan.LogicalPlan.UnionNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moves filter conjuncts as close to the data as they may go, so fewer rows flow and scans skip
 * row groups: through projections (substituting the projected expressions), sorts and unions;
 * below an aggregation when they only read group keys; into the side of a join whose rows they
 * restrict (never into a side that a join fills with nulls); and into scans.
 */
public final class PushDownFilter implements OptimizerRule {
    @Override
    public String name() {
        return "push_down_filter";
    }

    @Override
    public Optional<LogicalPlan> apply(LogicalPlan plan) {
        return PlanRewrites.transformDown(plan, node -> node instanceof FilterNode f ? push(f) : Optional.empty());
    }

    private static Optional<LogicalPlan> push(FilterNode filter) {
        List<BoundExpr> conjuncts = Exprs.conjuncts(filter.predicate());
        LogicalPlan input = filter.input();
        if (input instanceof ProjectNode p) {
            Map<String, BoundExpr> defs = new HashMap<>();
            for (NamedExpr e : p.exprs()) {
                defs.put(e.name(), e.expr());
            }
            List<BoundExpr> pushed = new ArrayList<>();
            for (BoundExpr c : conjuncts) {
                pushed.add(Exprs.substitute(c, defs));
            }
            return Optional.of(new ProjectNode(new FilterNode(p.input(), Exprs.conjoin(pushed)), p.exprs()));
        }
        if (input instanceof SortNode s && s.fetch() == null) {
            return Optional.of(new SortNode(new FilterNode(s.input(), filter.predicate()), s.keys(), null));
        }
        if (input instanceof UnionNode u) {
            List<LogicalPlan> inputs = new ArrayList<>();
            for (LogicalPlan in : u.inputs()) {
                inputs.add(new FilterNode(in, filter.predicate()));
            }
            return Optional.of(new UnionNode(inputs));
        }
        if (input instanceof ScanNode s) {
            // A set: 10,000 conjuncts compared pairwise in a list cost seconds.
            Set<BoundExpr> filters = new LinkedHashSet<>(s.filters());
            filters.addAll(conjuncts);
            return Optional.of(s.withFilters(new ArrayList<>(filters)));
        }
        if (input instanceof AggregateNode a) {
            return intoAggregate(a, conjuncts);
        }
        if (input instanceof LogicalPlan.WindowNode w) {
            return intoWindow(w, conjuncts);
        }
        if (input instanceof JoinNode j) {
            return intoJoin(j, conjuncts);
        }
        return Optional.empty();
    }

    /**
     * Conjuncts on the partition keys alone keep or drop whole partitions, so they filter the
     * window's input; the others stay above it, since dropping rows changes what the functions see.
     */
    private static Optional<LogicalPlan> intoWindow(LogicalPlan.WindowNode w, List<BoundExpr> conjuncts) {
        Set<String> keyColumns = new HashSet<>();
        for (BoundExpr k : w.partitionBy()) {
            if (!(k instanceof BoundExpr.ColumnRef)) {
                return Optional.empty();
            }
            Exprs.addColumns(k, keyColumns);
        }
        List<BoundExpr> below = new ArrayList<>();
        List<BoundExpr> above = new ArrayList<>();
        for (BoundExpr c : conjuncts) {
            Set<String> used = new HashSet<>();
            Exprs.addColumns(c, used);
            (!keyColumns.isEmpty() && keyColumns.containsAll(used) ? below : above).add(c);
        }
        if (below.isEmpty()) {
            return Optional.empty();
        }
        LogicalPlan window = w.withChildren(List.of(new FilterNode(w.input(), Exprs.conjoin(below))));
        return Optional.of(above.isEmpty() ? window : new FilterNode(window, Exprs.conjoin(above)));
    }

    private static Optional<LogicalPlan> intoAggregate(AggregateNode a, List<BoundExpr> conjuncts) {
        Map<String, BoundExpr> keys = new HashMap<>();
        for (NamedExpr k : a.keys()) {
            keys.put(k.name(), k.expr());
        }
        List<BoundExpr> below = new ArrayList<>();
        List<BoundExpr> above = new ArrayList<>();
        for (BoundExpr c : conjuncts) {
            if (!a.keys().isEmpty() && keys.keySet().containsAll(Exprs.columns(c))) {
                below.add(Exprs.substitute(c, keys));
            } else {
                above.add(c);
            }
        }
        if (below.isEmpty()) {
            return Optional.empty();
        }
        LogicalPlan pushed = a.withChildren(List.of(new FilterNode(a.input(), Exprs.conjoin(below))));
        return Optional.of(above.isEmpty() ? pushed : new FilterNode(pushed, Exprs.conjoin(above)));
    }

    private static Optional<LogicalPlan> intoJoin(JoinNode j, List<BoundExpr> conjuncts) {
        Set<String> leftNames = new HashSet<>(j.left().schema().names());
        Set<String> rightNames = new HashSet<>(j.right().schema().names());
        JoinKind kind = j.kind();
        boolean leftOk = kind == JoinKind.INNER || kind == JoinKind.CROSS || kind == JoinKind.LEFT
                || kind == JoinKind.LEFT_SEMI || kind == JoinKind.LEFT_ANTI;
        boolean rightOk = kind == JoinKind.INNER || kind == JoinKind.CROSS || kind == JoinKind.RIGHT
                || kind == JoinKind.RIGHT_SEMI || kind == JoinKind.RIGHT_ANTI;
        List<BoundExpr> left = new ArrayList<>();
        List<BoundExpr> right = new ArrayList<>();
        List<BoundExpr> above = new ArrayList<>();
        for (BoundExpr c : conjuncts) {
            Set<String> cols = Exprs.columns(c);
            if (leftOk && leftNames.containsAll(cols)) {
                left.add(c);
            } else if (rightOk && rightNames.containsAll(cols)) {
                right.add(c);
            } else {
                above.add(c);
            }
        }
        if (left.isEmpty() && right.isEmpty()) {
            return Optional.empty();
        }
        LogicalPlan newLeft = left.isEmpty() ? j.left() : new FilterNode(j.left(), Exprs.conjoin(left));
        LogicalPlan newRight = right.isEmpty() ? j.right() : new FilterNode(j.right(), Exprs.conjoin(right));
        LogicalPlan joined = j.withChildren(List.of(newLeft, newRight));
        return Optional.of(above.isEmpty() ? joined : new FilterNode(joined, Exprs.conjoin(above)));
    }
}
