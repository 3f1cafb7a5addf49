package io.polaroid.engine.distributed;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.ProjectNode;
import io.polaroid.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * How a hash partitioning survives a projection: keys that are columns passed through (perhaps
 * renamed) are the same keys under their new names; a key the projection computes or drops
 * ends the partitioning (null).
 */
final class CoPartitioning {
    private CoPartitioning() {
    }

    /**
     * The partitioning of a shuffled join's output: by the keys of a side whose every row keeps its
     * key (the left of inner, left, semi and anti joins; the right of right joins and their semi and
     * anti forms); none for full joins, where each side's rows without a match have null keys on
     * the other side.
     */
    static List<BoundExpr> afterJoin(LogicalPlan.JoinNode j, Schema output) {
        return switch (j.kind()) {
            case INNER, LEFT, LEFT_SEMI, LEFT_ANTI -> present(j.leftKeys(), output);
            case RIGHT, RIGHT_SEMI, RIGHT_ANTI -> present(j.rightKeys(), output);
            default -> null;
        };
    }

    /** {@code keys} if every column they use is in {@code schema} with the same type, else null. */
    static List<BoundExpr> present(List<BoundExpr> keys, Schema schema) {
        if (keys == null) {
            return null;
        }
        java.util.Set<String> used = new java.util.LinkedHashSet<>();
        for (BoundExpr k : keys) {
            io.polaroid.engine.physical.PhysicalPlanner.collectColumns(k, used);
        }
        for (BoundExpr k : keys) {
            if (!columnsMatch(k, schema)) {
                return null;
            }
        }
        return used.isEmpty() ? null : keys;
    }

    private static boolean columnsMatch(BoundExpr e, Schema schema) {
        if (e instanceof BoundExpr.ColumnRef c) {
            return schema.names().contains(c.name()) && schema.field(c.name()).type().equals(c.type());
        }
        for (BoundExpr child : e.children()) {
            if (!columnsMatch(child, schema)) {
                return false;
            }
        }
        return true;
    }

    static List<BoundExpr> throughProject(List<BoundExpr> keys, ProjectNode project) {
        if (keys == null) {
            return null;
        }
        List<BoundExpr> out = new ArrayList<>(keys.size());
        for (BoundExpr key : keys) {
            BoundExpr renamed = null;
            if (key instanceof BoundExpr.ColumnRef c) {
                for (NamedExpr e : project.exprs()) {
                    if (e.expr().equals(c)) {
                        renamed = new BoundExpr.ColumnRef(e.name(), c.type());
                        break;
                    }
                }
            }
            if (renamed == null) {
                return null;
            }
            out.add(renamed);
        }
        return out;
    }
}
