package io.polaroid.engine.optimizer.rules;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.optimizer.Cardinality;
import io.polaroid.engine.optimizer.OptimizerRule;
import io.polaroid.engine.optimizer.PlanRewrites;
import io.polaroid.engine.plan.JoinKind;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.JoinNode;
import io.polaroid.engine.plan.LogicalPlan.ProjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A semi or anti join only filters the rows of its input by their keys, so it commutes with
 * whatever else filters those rows: an inner join above it (the join's other side adds columns,
 * the semi-join's keys stay), another semi-join, a projection that keeps its keys. The most
 * selective goes first: an inner join that keeps a smaller share of the rows than the semi-join
 * below it moves under it, as does a semi-join more selective than the one below it; a projection
 * moves under a semi-join so that these meet. TPC-H Q21 filters late lineitems by two
 * semi-joins on aggregations over all of lineitem, then joins suppliers of one nation and failed
 * orders: done first, those joins keep 1/50 of the rows, and {@link ReduceAggregateInput} can then
 * thin the aggregations to the orders left.
 */
public final class PushJoinsBelowSemiJoins implements OptimizerRule {
    @Override
    public String name() {
        return "push_joins_below_semi_joins";
    }

    @Override
    public Optional<LogicalPlan> apply(LogicalPlan plan) {
        return PlanRewrites.transformUp(plan, node -> {
            if (node instanceof ProjectNode p) {
                return liftOverProjection(p);
            }
            if (node instanceof JoinNode j && j.kind() == JoinKind.INNER) {
                return innerFirst(j);
            }
            Semi outer = Semi.of(node);
            return outer == null ? Optional.empty() : moreSelectiveFirst(outer);
        });
    }

    /** A semi or anti join seen from the input it filters (whichever side that is). */
    private record Semi(LogicalPlan input, LogicalPlan filter, JoinKind kind, List<BoundExpr> inputKeys,
                        List<BoundExpr> filterKeys) {
        static Semi of(LogicalPlan plan) {
            if (!(plan instanceof JoinNode j)) {
                return null;
            }
            return switch (j.kind()) {
                case LEFT_SEMI, LEFT_ANTI -> new Semi(j.left(), j.right(), j.kind(), j.leftKeys(), j.rightKeys());
                case RIGHT_SEMI, RIGHT_ANTI -> new Semi(j.right(), j.left(), j.kind().swapped(), j.rightKeys(), j.leftKeys());
                default -> null;
            };
        }

        JoinNode over(LogicalPlan newInput) {
            return new JoinNode(newInput, filter, kind, inputKeys, filterKeys);
        }

        /** The estimated share of its input's rows it keeps. */
        double keeps() {
            return kind == JoinKind.LEFT_ANTI ? 0.5 : Cardinality.retained(filter);
        }
    }

    /** {@code project(semi(a, b))} to {@code semi(project(a), b)}, when the projection keeps the keys as they are. */
    private static Optional<LogicalPlan> liftOverProjection(ProjectNode p) {
        Semi s = Semi.of(p.input());
        if (s == null) {
            return Optional.empty();
        }
        for (BoundExpr k : s.inputKeys()) {
            if (!(k instanceof BoundExpr.ColumnRef c) || p.exprs().stream().noneMatch(
                    e -> e.name().equals(c.name()) && e.expr() instanceof BoundExpr.ColumnRef r && r.name().equals(c.name()))) {
                return Optional.empty();
            }
        }
        return Optional.of(s.over(new ProjectNode(s.input(), p.exprs())));
    }

    /** {@code semi(a, b) ⋈ c} to {@code semi(a ⋈ c, b)} (either side), when the join keeps fewer of a's rows. */
    private static Optional<LogicalPlan> innerFirst(JoinNode j) {
        Semi left = Semi.of(j.left());
        if (left != null) {
            JoinNode joined = new JoinNode(left.input(), j.right(), JoinKind.INNER, j.leftKeys(), j.rightKeys());
            if (moreSelective(joined, left.input(), left)) {
                return Optional.of(left.over(joined));
            }
        }
        Semi right = Semi.of(j.right());
        if (right != null) {
            JoinNode joined = new JoinNode(j.left(), right.input(), JoinKind.INNER, j.leftKeys(), j.rightKeys());
            if (moreSelective(joined, right.input(), right)) {
                return Optional.of(right.over(joined));
            }
        }
        return Optional.empty();
    }

    private static boolean moreSelective(JoinNode joined, LogicalPlan input, Semi semi) {
        double keeps = Cardinality.rows(joined) / Math.max(1, Cardinality.rows(input));
        return keeps < 1 && keeps <= semi.keeps();
    }

    /** {@code semi2(semi1(a, b), c)} to {@code semi1(semi2(a, c), b)} when semi2 keeps fewer rows. */
    private static Optional<LogicalPlan> moreSelectiveFirst(Semi outer) {
        Semi inner = Semi.of(outer.input());
        if (inner == null || outer.keeps() >= inner.keeps()) {
            return Optional.empty();
        }
        return Optional.of(inner.over(outer.over(inner.input())));
    }
}
