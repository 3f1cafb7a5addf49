package io.polaroid.engine.physical;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.io.filter.JoinKeyFilter;
import io.polaroid.engine.plan.JoinKind;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.types.DataType;
import java.util.Optional;

/**
 * Where a hash join can hand its build side's keys to a scan on its probe side (a runtime join
 * filter): a join whose output never holds a probe row without a match (inner, left semi, right
 * semi), on one integer-like key that is a column of a scan below the probe side through
 * projections and filters only, so that the scan feeds this join alone.
 */
final class RuntimeJoinFilters {
    private RuntimeJoinFilters() {
    }

    /** The scan on {@code join}'s probe side and a new filter for it. */
    record ProbeScan(LogicalPlan.ScanNode scan, JoinKeyFilter filter) {
    }

    /** The probe-side scan of {@code join} and its filter, or empty where none applies. */
    static Optional<ProbeScan> of(LogicalPlan.JoinNode join) {
        return Optional.ofNullable(trace(join)).map(t -> new ProbeScan(t.scan(), new JoinKeyFilter(t.column())));
    }

    private record Traced(LogicalPlan.ScanNode scan, String column) {
    }

    private static Traced trace(LogicalPlan.JoinNode join) {
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
            } else {
                return null;
            }
        }
    }

    private static boolean integral(DataType type) {
        return switch (type.kind()) {
            case INT8, INT16, INT32, INT64, DATE32, TIMESTAMP, DURATION -> true;
            default -> false;
        };
    }
}
