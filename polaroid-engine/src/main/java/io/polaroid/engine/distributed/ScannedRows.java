package io.polaroid.engine.distributed;

import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.ScanNode;
import java.util.HashSet;
import java.util.Set;

/**
 * The rows a plan's scans read, counted from their morsels: the row groups their filters cannot
 * rule out. A subplan that occurs twice counts once, as it runs once; a scan of unknown size
 * counts as more than any limit.
 */
final class ScannedRows {
    private ScannedRows() {
    }

    /** Whether {@code plan}'s scans read at most {@code limit} rows; never when {@code limit} is 0 or less. */
    static boolean atMost(LogicalPlan plan, long limit) {
        return limit > 0 && count(plan, limit, new HashSet<>()) <= limit;
    }

    /** The rows, or a number above {@code limit} as soon as they pass it. */
    private static long count(LogicalPlan plan, long limit, Set<LogicalPlan> seen) {
        if (!seen.add(plan)) {
            return 0;
        }
        long rows = 0;
        if (plan instanceof ScanNode s) {
            for (Morsel m : s.source().morsels(s.columns(), s.filters())) {
                if (m.rows() < 0) {
                    return limit + 1;
                }
                rows += m.rows();
                if (rows > limit) {
                    return rows;
                }
            }
            return rows;
        }
        for (LogicalPlan child : plan.children()) {
            rows += count(child, limit - rows, seen);
            if (rows > limit) {
                return rows;
            }
        }
        return rows;
    }
}
