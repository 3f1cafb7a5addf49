package io.polaroid.engine.physical;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.io.filter.JoinKeyFilter;
import io.polaroid.engine.plan.JoinKind;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.types.DataType;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where a hash join can hand its build side's keys to a scan on its probe side (a runtime join
 * filter): a join whose output never holds a probe row without a match (inner, left semi, right
 * semi), on one integer-like key that is a column of a scan below the probe side.
 *
 * <p>The way down passes projections, filters and the probe (left) side of other joins that
 * keep each left row's values as they are (inner, left, left semi, left anti, cross): a row the
 * scan drops could only have reached this join with a key it drops anyway. It stops at a join
 * that runs once for several consumers (a shared subplan), and at a scan that also occurs
 * elsewhere on this join's probe side, so that no other reader of the scan loses rows.
 */
final class RuntimeJoinFilters {
    private RuntimeJoinFilters() {
    }

    /** The scan on {@code join}'s probe side and a new filter for it. */
    record ProbeScan(LogicalPlan.ScanNode scan, JoinKeyFilter filter) {
    }

    /**
     * The probe-side scan of {@code join} and its filter, or empty where none applies;
     * {@code shared} tells the subplans that are planned once for several consumers.
     */
    static Optional<ProbeScan> of(LogicalPlan.JoinNode join, Predicate<LogicalPlan> shared) {
        return Optional.ofNullable(trace(join, shared))
                .filter(t -> occurrences(join.left(), t.scan()) == 1)
                .map(t -> new ProbeScan(t.scan(), new JoinKeyFilter(t.column())));
    }

    /** How often {@code scan}, this very object, occurs in {@code plan}. */
    private static int occurrences(LogicalPlan plan, LogicalPlan.ScanNode scan) {
        if (plan == scan) {
            return 1;
        }
        int n = 0;
        for (LogicalPlan child : plan.children()) {
            n += occurrences(child, scan);
        }
        return n;
    }

    private record Traced(LogicalPlan.ScanNode scan, String column) {
    }

    private static Traced trace(LogicalPlan.JoinNode join, Predicate<LogicalPlan> shared) {
        if (join.kind() != JoinKind.INNER && join.kind() != JoinKind.LEFT_SEMI && join.kind() != JoinKind.RIGHT_SEMI
                || join.leftKeys().size() != 1 || !(join.leftKeys().get(0) instanceof BoundExpr.ColumnRef key)
                || !integral(key.type()) || !key.type().equals(join.rightKeys().get(0).type())) {
            return null;
        }
        String column = key.name();
        LogicalPlan node = join.left();
        while (true) {
            if (node instanceof LogicalPlan.ScanNode scan) {
                return scan.schema().contains(column) ? new Traced(scan, column) : null;
            } else if (node instanceof LogicalPlan.FilterNode f) {
                node = f.input();
            } else if (node instanceof LogicalPlan.ProjectNode p) {
                String source = null;
                for (NamedExpr e : p.exprs()) {
                    if (e.name().equals(column) && e.expr() instanceof BoundExpr.ColumnRef c) {
                        source = c.name();
                    }
                }
                if (source == null) {
                    return null;
                }
                column = source;
                node = p.input();
            } else if (node instanceof LogicalPlan.JoinNode lower && keepsLeftValues(lower.kind()) && !shared.test(lower)
                    && lower.left().schema().contains(column)
                    && !(lower.kind().outputsRight() && lower.right().schema().contains(column))) {
                node = lower.left();
            } else {
                return null;
            }
        }
    }

    /** Whether each output row of such a join carries one left row's values unchanged. */
    private static boolean keepsLeftValues(JoinKind kind) {
        return switch (kind) {
            case INNER, LEFT, LEFT_SEMI, LEFT_ANTI, CROSS -> true;
            default -> false;
        };
    }

    private static boolean integral(DataType type) {
        return switch (type.kind()) {
            case INT8, INT16, INT32, INT64, DATE32, TIMESTAMP, DURATION -> true;
            default -> false;
        };
    }
}
