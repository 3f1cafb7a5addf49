package io.polaroid.engine.distributed;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.physical.PhysicalPlanner;
import io.polaroid.engine.plan.JoinKind;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.AggregateNode;
import io.polaroid.engine.plan.LogicalPlan.FilterNode;
import io.polaroid.engine.plan.LogicalPlan.JoinNode;
import io.polaroid.engine.plan.LogicalPlan.ProjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The subplans with a join or an aggregation that occur more than once in a plan (a view read
 * twice: Q17's lineitem joined to its parts feeds both the average quantity per part and the rows
 * compared with it), and the keys their readers group or join their rows by, traced down through
 * filters and projections to the subplan's own columns. A reader that aggregates all rows into
 * one wants no key: an empty list.
 */
final class SharedSubplans {
    private final Map<LogicalPlan, Integer> occurrences;
    private final Map<LogicalPlan, List<List<BoundExpr>>> wanted = new HashMap<>();

    private SharedSubplans(LogicalPlan root) {
        this.occurrences = PhysicalPlanner.repeatedSubplans(root);
        walk(root);
    }

    static SharedSubplans of(LogicalPlan root) {
        return new SharedSubplans(root);
    }

    boolean isShared(LogicalPlan plan) {
        return occurrences.getOrDefault(plan, 0) > 1;
    }

    /** The keys each reader of a shared subplan wants its rows by, as columns of its output. */
    List<List<BoundExpr>> keysWanted(LogicalPlan plan) {
        return wanted.getOrDefault(plan, List.of());
    }

    private void walk(LogicalPlan plan) {
        if (plan instanceof AggregateNode a) {
            want(a.input(), a.keys().stream().map(NamedExpr::expr).toList());
        } else if (plan instanceof JoinNode j && j.kind() != JoinKind.CROSS) {
            want(j.left(), j.leftKeys());
            want(j.right(), j.rightKeys());
        }
        for (LogicalPlan child : plan.children()) {
            walk(child);
        }
    }

    /** Records {@code keys} for the shared subplan under {@code plan}, if the keys reach it unchanged. */
    private void want(LogicalPlan plan, List<BoundExpr> keys) {
        while (keys != null) {
            if (isShared(plan)) {
                wanted.computeIfAbsent(plan, p -> new ArrayList<>()).add(keys);
                return;
            }
            if (plan instanceof FilterNode f) {
                plan = f.input();
            } else if (plan instanceof ProjectNode p) {
                keys = beforeProject(keys, p);
                plan = p.input();
            } else {
                return;
            }
        }
    }

    /** The columns of the projection's input that {@code keys} pass through as; null when one is computed. */
    private static List<BoundExpr> beforeProject(List<BoundExpr> keys, ProjectNode project) {
        List<BoundExpr> out = new ArrayList<>(keys.size());
        for (BoundExpr key : keys) {
            BoundExpr source = null;
            if (key instanceof BoundExpr.ColumnRef c) {
                for (NamedExpr e : project.exprs()) {
                    if (e.name().equals(c.name()) && e.expr() instanceof BoundExpr.ColumnRef) {
                        source = e.expr();
                        break;
                    }
                }
            }
            if (source == null) {
                return null;
            }
            out.add(source);
        }
        return out;
    }
}
