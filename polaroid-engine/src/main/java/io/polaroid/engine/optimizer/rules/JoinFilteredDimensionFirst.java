package io.polaroid.engine.optimizer.rules;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.optimizer.Cardinality;
import io.polaroid.engine.optimizer.OptimizerRule;
import io.polaroid.engine.optimizer.PlanRewrites;
import io.polaroid.engine.plan.JoinKind;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.JoinNode;
import io.polaroid.engine.plan.LogicalPlan.ProjectNode;
import io.polaroid.engine.types.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code (facts ⋈ dim) ⋈ filteredDim2}, where {@code filteredDim2} joins on columns of {@code dim}
 * only and keeps part of its rows, becomes {@code facts ⋈ (dim ⋈ filteredDim2)}: the filter then
 * thins the small dimension before the facts meet it, and the facts' join becomes one with a
 * filtered dimension, which {@link PushJoinsBelowSemiJoins} may move under a semi-join. TPC-H
 * Q21's lineitem joins supplier, then nation (one of 25); joined first, supplier and nation keep
 * 1/25 of the suppliers. A projection between the two joins (the first join's output columns) is
 * kept above them. Applies when {@code dim} is estimated smaller than {@code facts}.
 */
public final class JoinFilteredDimensionFirst implements OptimizerRule {
    @Override
    public String name() {
        return "join_filtered_dimension_first";
    }

    @Override
    public Optional<LogicalPlan> apply(LogicalPlan plan) {
        return PlanRewrites.transformUp(plan, node -> node instanceof JoinNode j ? rewrite(j) : Optional.empty());
    }

    private static Optional<LogicalPlan> rewrite(JoinNode outer) {
        if (outer.kind() != JoinKind.INNER || Cardinality.retained(outer.right()) >= 1) {
            return Optional.empty();
        }
        LogicalPlan left = outer.left();
        List<NamedExpr> renames = null;
        if (left instanceof ProjectNode p && plainColumns(p)) {
            renames = p.exprs();
            left = p.input();
        }
        if (!(left instanceof JoinNode inner) || inner.kind() != JoinKind.INNER) {
            return Optional.empty();
        }
        List<String> outerKeys = columns(outer.leftKeys(), renames);
        Set<String> dimColumns = inner.right().schema().fields().stream().map(Field::name).collect(Collectors.toSet());
        if (outerKeys == null || !dimColumns.containsAll(outerKeys)
                || Cardinality.rows(inner.right()) >= Cardinality.rows(inner.left())
                || clash(inner.schema().fields(), outer.right().schema().fields())) {
            return Optional.empty();
        }
        List<BoundExpr> dimKeys = new ArrayList<>();
        for (String k : outerKeys) {
            dimKeys.add(new BoundExpr.ColumnRef(k, inner.right().schema().field(k).type()));
        }
        JoinNode dims = new JoinNode(inner.right(), outer.right(), JoinKind.INNER, dimKeys, outer.rightKeys());
        JoinNode joined = new JoinNode(inner.left(), dims, JoinKind.INNER, inner.leftKeys(), inner.rightKeys());
        if (renames == null) {
            return Optional.of(joined);
        }
        List<NamedExpr> out = new ArrayList<>(renames);
        for (Field f : outer.right().schema().fields()) {
            out.add(new NamedExpr(f.name(), new BoundExpr.ColumnRef(f.name(), f.type())));
        }
        return Optional.of(new ProjectNode(joined, out));
    }

    /** Whether a column of {@code added} has the name of one of {@code existing} (a projection may have hidden it). */
    private static boolean clash(List<Field> existing, List<Field> added) {
        Set<String> names = existing.stream().map(Field::name).collect(Collectors.toSet());
        return added.stream().anyMatch(f -> names.contains(f.name()));
    }

    /** Whether the projection only picks and renames columns. */
    private static boolean plainColumns(ProjectNode p) {
        return p.exprs().stream().allMatch(e -> e.expr() instanceof BoundExpr.ColumnRef);
    }

    /** The columns under {@code renames} (none: as they are) that plain column keys name; null if a key is not one. */
    private static List<String> columns(List<BoundExpr> keys, List<NamedExpr> renames) {
        List<String> out = new ArrayList<>();
        for (BoundExpr k : keys) {
            if (!(k instanceof BoundExpr.ColumnRef c)) {
                return null;
            }
            String name = c.name();
            if (renames != null) {
                name = renames.stream().filter(e -> e.name().equals(c.name()))
                        .map(e -> ((BoundExpr.ColumnRef) e.expr()).name()).findFirst().orElse(null);
                if (name == null) {
                    return null;
                }
            }
            out.add(name);
        }
        return out;
    }
}
