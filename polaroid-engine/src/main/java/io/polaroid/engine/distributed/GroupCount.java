package io.polaroid.engine.distributed;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.io.parquet.ParquetSource;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.AggregateNode;
import io.polaroid.engine.plan.LogicalPlan.FilterNode;
import io.polaroid.engine.plan.LogicalPlan.JoinNode;
import io.polaroid.engine.plan.LogicalPlan.LimitNode;
import io.polaroid.engine.plan.LogicalPlan.ProjectNode;
import io.polaroid.engine.plan.LogicalPlan.ScanNode;
import io.polaroid.engine.plan.LogicalPlan.SortNode;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * At most about how many groups an aggregation makes, when each of its keys is a column of a
 * Parquet scan below it: the product of those columns' distinct values
 * ({@link ParquetSource#distinctValuesAtMost}). A key is followed through renames, filters, sorts,
 * limits, the side of a join it comes from (a join adds no values to a column) and the keys of an
 * aggregation below. Empty when a key is computed, or comes from anything else.
 */
final class GroupCount {
    private GroupCount() {
    }

    static OptionalDouble atMost(AggregateNode a) {
        double groups = 1;
        for (NamedExpr key : a.keys()) {
            OptionalLong distinct = distinctValues(a.input(), key.expr());
            if (distinct.isEmpty()) {
                return OptionalDouble.empty();
            }
            groups *= Math.max(1, distinct.getAsLong());
        }
        return OptionalDouble.of(groups);
    }

    private static OptionalLong distinctValues(LogicalPlan plan, BoundExpr key) {
        String name = key instanceof BoundExpr.ColumnRef ref ? ref.name() : null;
        while (name != null) {
            if (plan instanceof ProjectNode p) {
                name = KeyOrderedScans.passedThrough(p.exprs(), name);
                plan = p.input();
            } else if (plan instanceof AggregateNode lower) {
                name = KeyOrderedScans.passedThrough(lower.keys(), name);
                plan = lower.input();
            } else if (plan instanceof JoinNode j) {
                plan = j.left().schema().contains(name) ? j.left() : j.right();
            } else if (plan instanceof FilterNode || plan instanceof SortNode || plan instanceof LimitNode) {
                plan = plan.children().get(0);
            } else if (plan instanceof ScanNode s && s.source() instanceof ParquetSource parquet && s.schema().contains(name)) {
                return OptionalLong.of(parquet.distinctValuesAtMost(name));
            } else {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }
}
