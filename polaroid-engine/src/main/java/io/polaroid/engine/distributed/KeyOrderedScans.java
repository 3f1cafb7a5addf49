package io.polaroid.engine.distributed;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.optimizer.PlanRewrites;
import io.polaroid.engine.plan.JoinKind;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.FilterNode;
import io.polaroid.engine.plan.LogicalPlan.JoinNode;
import io.polaroid.engine.plan.LogicalPlan.ProjectNode;
import io.polaroid.engine.plan.LogicalPlan.ScanNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the data scan a fragment's rows come from, and the column of it a key is, so that the scan
 * can be split by ranges of that key ({@link RangeSplitSource}). The key is followed down through
 * projections (renames), filters and the probe side of joins whose build side was broadcast (from
 * an inner join's build key to the probe key it matched); the fragment may read no other data scan.
 */
final class KeyOrderedScans {
    private KeyOrderedScans() {
    }

    /** A scan and the column of it a key is. */
    record Traced(ScanNode scan, String column) {
    }

    /** The scan {@code key} (a column of {@code plan}'s output) comes from unchanged; null when there is none. */
    static Traced trace(LogicalPlan plan, BoundExpr key) {
        if (!(key instanceof BoundExpr.ColumnRef ref)) {
            return null;
        }
        String name = ref.name();
        while (true) {
            if (plan instanceof ProjectNode p) {
                name = passedThrough(p.exprs(), name);
                if (name == null) {
                    return null;
                }
                plan = p.input();
            } else if (plan instanceof FilterNode f) {
                plan = f.input();
            } else if (plan instanceof JoinNode j && keepsProbeRows(j.kind()) && dataScans(j.right()).isEmpty()) {
                name = j.left().schema().contains(name) ? name : probeKeyMatching(j, name);
                if (name == null) {
                    return null;
                }
                plan = j.left();
            } else if (plan instanceof ScanNode s && !(s.source() instanceof ExchangeSource)
                    && !(s.source() instanceof ForwardingSource) && s.limit() == null && s.schema().contains(name)) {
                return new Traced(s, name);
            } else {
                return null;
            }
        }
    }

    /** The probe key an inner join matched to build key {@code name}: equal in every row it makes. */
    private static String probeKeyMatching(JoinNode j, String name) {
        if (j.kind() != JoinKind.INNER) {
            return null;
        }
        for (int k = 0; k < j.rightKeys().size(); k++) {
            if (j.rightKeys().get(k) instanceof BoundExpr.ColumnRef r && r.name().equals(name)
                    && j.leftKeys().get(k) instanceof BoundExpr.ColumnRef l) {
                return l.name();
            }
        }
        return null;
    }

    private static boolean keepsProbeRows(JoinKind kind) {
        return kind == JoinKind.INNER || kind == JoinKind.LEFT || kind == JoinKind.LEFT_SEMI || kind == JoinKind.LEFT_ANTI;
    }

    /** The input column that output {@code name} of {@code exprs} is, unchanged; null when it is computed (or not there). */
    static String passedThrough(List<NamedExpr> exprs, String name) {
        for (NamedExpr e : exprs) {
            if (e.name().equals(name)) {
                return e.expr() instanceof BoundExpr.ColumnRef c ? c.name() : null;
            }
        }
        return null;
    }

    /** The scans of data that the stage's tasks split (not of other stages, nor read whole by each task) in {@code plan}. */
    static List<ScanNode> dataScans(LogicalPlan plan) {
        List<ScanNode> out = new ArrayList<>();
        collect(plan, out);
        return out;
    }

    private static void collect(LogicalPlan plan, List<ScanNode> out) {
        if (plan instanceof ScanNode s) {
            if (!(s.source() instanceof ExchangeSource) && !(s.source() instanceof ReplicatedSource)) {
                out.add(s);
            }
            return;
        }
        for (LogicalPlan child : plan.children()) {
            collect(child, out);
        }
    }

    /** {@code plan} with {@code old} (the very node) replaced. */
    static LogicalPlan replace(LogicalPlan plan, ScanNode old, ScanNode replacement) {
        return PlanRewrites.transformDown(plan, p -> p == old ? Optional.of(replacement) : Optional.empty()).orElse(plan);
    }
}
