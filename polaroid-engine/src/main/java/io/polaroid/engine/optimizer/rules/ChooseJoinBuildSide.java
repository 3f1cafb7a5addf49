package io.polaroid.engine.optimizer.rules;

import io.polaroid.engine.exec.hash.KeyTable;
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

/**
 * Hash joins build a table of their right input and stream the left one; building the smaller
 * input uses less memory and time. When the left input is estimated smaller, the inputs are
 * swapped (a left join becomes a right join, and so on) and a projection puts the columns back
 * in their order.
 */
public final class ChooseJoinBuildSide implements OptimizerRule {
    /** Swap only when the right side is clearly bigger, so that estimates that are close do not flip-flop. */
    private static final double MARGIN = 1.2;

    @Override
    public String name() {
        return "choose_join_build_side";
    }

    @Override
    public Optional<LogicalPlan> apply(LogicalPlan plan) {
        return PlanRewrites.transformUp(plan, node -> {
            if (!(node instanceof JoinNode j) || j.kind() == JoinKind.CROSS) {
                return Optional.empty();
            }
            double left = buildBytes(j.left());
            double right = buildBytes(j.right());
            if (right <= left * MARGIN) {
                return Optional.empty();
            }
            JoinNode swapped = new JoinNode(j.right(), j.left(), j.kind().swapped(), j.rightKeys(), j.leftKeys());
            if (!j.kind().outputsLeft() || !j.kind().outputsRight()) {
                return Optional.of(swapped);
            }
            List<NamedExpr> order = new ArrayList<>();
            for (Field f : j.schema().fields()) {
                order.add(new NamedExpr(f.name(), new BoundExpr.ColumnRef(f.name(), f.type())));
            }
            return Optional.of(new ProjectNode(swapped, order));
        });
    }

    /**
     * A build side's columns and its hash table. Measured: Q9 at SF10 built 15M narrow orders rows
     * (172 MB of columns, 900 MB with the table) rather than 3.3M wide lineitem rows (286 MB, 465 MB).
     */
    private static double buildBytes(LogicalPlan side) {
        return Cardinality.bytes(side) + KeyTable.JOIN_BYTES_PER_ROW * Cardinality.rows(side);
    }
}
