package io.polaroid.engine.optimizer.rules;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.optimizer.Cardinality;
import io.polaroid.engine.optimizer.OptimizerRule;
import io.polaroid.engine.optimizer.PlanRewrites;
import io.polaroid.engine.plan.JoinKind;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.AggregateNode;
import io.polaroid.engine.plan.LogicalPlan.FilterNode;
import io.polaroid.engine.plan.LogicalPlan.JoinNode;
import io.polaroid.engine.plan.LogicalPlan.ProjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A join of a small, filtered input with an aggregation on the aggregation's group keys needs only
 * the groups whose keys the small side has: the aggregation's input is first semi-joined with the
 * small side's keys (a semi-join reduction, as "magic sets" do for recursive queries). Every group
 * is kept or dropped whole, so every aggregate (and a filter on the groups) gives what it gave.
 * TPC-H Q20 aggregates a year of lineitem by (part, supplier) and joins it with the few
 * (part, supplier) pairs of "forest" parts: the aggregation then sees about 1% of its rows.
 * <p>
 * Applies when the aggregated side's rows that the join drops never reach the output (inner and
 * semi joins, the other side's outer and anti joins), the join keys on that side are group keys
 * that are input columns (through renames and filters), and the other side is estimated to keep
 * at most {@value #MAX_RETAINED} of its own rows and to have at most {@value #MAX_RATIO} of the
 * aggregation's input rows. That side then runs twice (or once, shared, when it joins or
 * aggregates), a price worth paying only when it is small: the estimate is kept to sides that
 * are filtered through a join, whose keys a filter on the same rows would not thin out.
 */
public final class ReduceAggregateInput implements OptimizerRule {
    static final String PREFIX = "__reduce_";
    private static final double MAX_RETAINED = 0.5;
    private static final double MAX_RATIO = 0.5;

    @Override
    public String name() {
        return "reduce_aggregate_input";
    }

    @Override
    public Optional<LogicalPlan> apply(LogicalPlan plan) {
        return PlanRewrites.transformUp(plan, node -> node instanceof JoinNode j
                ? reduce(j, true).or(() -> reduce(j, false)) : Optional.empty());
    }

    private static boolean dropsUnmatched(JoinKind kind, boolean aggregatedOnRight) {
        return aggregatedOnRight
                ? switch (kind) {
                    case INNER, LEFT, LEFT_SEMI, LEFT_ANTI, RIGHT_SEMI -> true;
                    default -> false;
                }
                : switch (kind) {
                    case INNER, RIGHT, RIGHT_SEMI, RIGHT_ANTI, LEFT_SEMI -> true;
                    default -> false;
                };
    }

    private static Optional<LogicalPlan> reduce(JoinNode j, boolean aggregatedOnRight) {
        if (!dropsUnmatched(j.kind(), aggregatedOnRight)) {
            return Optional.empty();
        }
        LogicalPlan aggregated = aggregatedOnRight ? j.right() : j.left();
        LogicalPlan small = aggregatedOnRight ? j.left() : j.right();
        List<BoundExpr> keys = aggregatedOnRight ? j.rightKeys() : j.leftKeys();
        List<BoundExpr> smallKeys = aggregatedOnRight ? j.leftKeys() : j.rightKeys();
        List<String> names = new ArrayList<>();
        for (BoundExpr k : keys) {
            names.add(k instanceof BoundExpr.ColumnRef c ? c.name() : null);
        }
        Traced traced = trace(aggregated, names);
        if (traced == null || reduced(traced.agg().input()) || !worthIt(small, traced.agg().input())) {
            return Optional.empty();
        }
        List<NamedExpr> reducerColumns = new ArrayList<>();
        List<BoundExpr> inputKeys = new ArrayList<>();
        List<BoundExpr> reducerKeys = new ArrayList<>();
        LogicalPlan input = traced.agg().input();
        for (int i = 0; i < names.size(); i++) {
            String column = traced.inputColumns().get(i);
            if (column != null) {
                String name = PREFIX + reducerColumns.size();
                reducerColumns.add(new NamedExpr(name, smallKeys.get(i)));
                inputKeys.add(new BoundExpr.ColumnRef(column, input.schema().field(column).type()));
                reducerKeys.add(new BoundExpr.ColumnRef(name, smallKeys.get(i).type()));
            }
        }
        if (reducerColumns.isEmpty()) {
            return Optional.empty();
        }
        JoinNode semi = new JoinNode(input, new ProjectNode(small, reducerColumns), JoinKind.LEFT_SEMI, inputKeys, reducerKeys);
        AggregateNode agg = traced.agg();
        LogicalPlan rewritten = replace(aggregated, agg, new AggregateNode(semi, agg.keys(), agg.aggs(), agg.order()));
        return Optional.of(aggregatedOnRight
                ? new JoinNode(j.left(), rewritten, j.kind(), j.leftKeys(), j.rightKeys())
                : new JoinNode(rewritten, j.right(), j.kind(), j.leftKeys(), j.rightKeys()));
    }

    private static boolean worthIt(LogicalPlan small, LogicalPlan aggregationInput) {
        return containsJoin(small) && Cardinality.retained(small) <= MAX_RETAINED
                && Cardinality.rows(small) <= MAX_RATIO * Cardinality.rows(aggregationInput);
    }

    private static boolean containsJoin(LogicalPlan plan) {
        return plan instanceof JoinNode || plan.children().stream().anyMatch(ReduceAggregateInput::containsJoin);
    }

    /** The aggregation under projections and filters, and each name's input column (null: not a plain group key). */
    private record Traced(AggregateNode agg, List<String> inputColumns) {
    }

    private static Traced trace(LogicalPlan node, List<String> names) {
        if (node instanceof FilterNode f) {
            return trace(f.input(), names);
        }
        if (node instanceof ProjectNode p) {
            return trace(p.input(), follow(p.exprs(), names));
        }
        if (node instanceof AggregateNode a && !a.keys().isEmpty()) {
            return new Traced(a, follow(a.keys(), names));
        }
        return null;
    }

    /** Each name's column below {@code exprs}, where the name is a plain column there. */
    private static List<String> follow(List<NamedExpr> exprs, List<String> names) {
        List<String> below = new ArrayList<>();
        for (String n : names) {
            String column = null;
            for (NamedExpr e : exprs) {
                if (e.name().equals(n) && e.expr() instanceof BoundExpr.ColumnRef c) {
                    column = c.name();
                }
            }
            below.add(n == null ? null : column);
        }
        return below;
    }

    /** Whether {@code input} (under projections and filters) is already a reduction's semi-join. */
    private static boolean reduced(LogicalPlan input) {
        if (input instanceof FilterNode || input instanceof ProjectNode) {
            return reduced(input.children().get(0));
        }
        return input instanceof JoinNode j && (j.kind() == JoinKind.LEFT_SEMI || j.kind() == JoinKind.RIGHT_SEMI)
                && (isReducer(j.left()) || isReducer(j.right()));
    }

    private static boolean isReducer(LogicalPlan side) {
        return !side.schema().fields().isEmpty()
                && side.schema().fields().stream().allMatch(f -> f.name().startsWith(PREFIX));
    }

    /** {@code node} with {@code target} (below it through single-input nodes) replaced. */
    private static LogicalPlan replace(LogicalPlan node, LogicalPlan target, LogicalPlan replacement) {
        if (node == target) {
            return replacement;
        }
        return node.withChildren(List.of(replace(node.children().get(0), target, replacement)));
    }
}
