package io.polaroid.engine.optimizer;

import io.polaroid.engine.plan.GroupOrder;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.AggregateNode;
import io.polaroid.engine.plan.LogicalPlan.FilterNode;
import io.polaroid.engine.plan.LogicalPlan.JoinNode;
import io.polaroid.engine.plan.LogicalPlan.LimitNode;
import io.polaroid.engine.plan.LogicalPlan.ProjectNode;
import io.polaroid.engine.plan.LogicalPlan.ScanNode;
import io.polaroid.engine.plan.LogicalPlan.SortNode;
import io.polaroid.engine.plan.LogicalPlan.UnionNode;
import java.util.List;
import java.util.stream.Collectors;

/** Prints a resolved plan as indented text, one node per line, children indented below. */
public final class PlanPrinter {
    private PlanPrinter() {
    }

    public static String print(LogicalPlan plan) {
        return io.polaroid.engine.dsl.PlanningStack.call("printing the plan", () -> printHere(plan));
    }

    private static String printHere(LogicalPlan plan) {
        StringBuilder sb = new StringBuilder();
        print(plan, 0, sb);
        return sb.toString();
    }

    private static void print(LogicalPlan plan, int depth, StringBuilder sb) {
        sb.append("  ".repeat(depth)).append(line(plan)).append('\n');
        for (LogicalPlan child : plan.children()) {
            print(child, depth + 1, sb);
        }
    }

    public static String line(LogicalPlan plan) {
        if (plan instanceof ScanNode s) {
            StringBuilder sb = new StringBuilder("Scan ").append(s.source().describe());
            if (!s.columns().equals(s.source().schema().names())) {
                sb.append(" columns=").append(s.columns());
            }
            if (!s.filters().isEmpty()) {
                sb.append(" filters=").append(s.filters());
            }
            if (s.limit() != null) {
                sb.append(" limit=").append(s.limit());
            }
            return sb.toString();
        }
        if (plan instanceof FilterNode f) {
            return "Filter " + f.predicate();
        }
        if (plan instanceof ProjectNode p) {
            return "Project " + join(p.exprs());
        }
        if (plan instanceof AggregateNode a) {
            return "Aggregate keys=" + join(a.keys()) + " aggs=" + join(a.aggs()) + (a.order() == GroupOrder.FIRST_SEEN ? " maintain_order" : a.order() == GroupOrder.LAST_SEEN ? " maintain_order=last" : "");
        }
        if (plan instanceof JoinNode j) {
            StringBuilder sb = new StringBuilder("Join ").append(j.kind());
            for (int i = 0; i < j.leftKeys().size(); i++) {
                sb.append(i == 0 ? " on " : ", ").append(j.leftKeys().get(i)).append(" = ").append(j.rightKeys().get(i));
            }
            return sb.append(String.format(java.util.Locale.ROOT, " (estimated left %s, right %s)",
                    size(io.polaroid.engine.optimizer.Cardinality.bytes(j.left())),
                    size(io.polaroid.engine.optimizer.Cardinality.bytes(j.right())))).toString();
        }
        if (plan instanceof SortNode s) {
            return "Sort " + join(s.keys()) + (s.fetch() == null ? "" : " fetch=" + s.fetch());
        }
        if (plan instanceof LimitNode l) {
            return "Limit offset=" + l.offset() + " fetch=" + (l.fetch() == null ? "all" : l.fetch());
        }
        if (plan instanceof UnionNode) {
            return "Union";
        }
        if (plan instanceof LogicalPlan.ExplodeNode e) {
            return "Explode " + String.join(", ", e.columns()) + (e.emptyAsNull() ? " empty_as_null" : "")
                    + (e.keepNulls() ? "" : " drop_nulls");
        }
        if (plan instanceof LogicalPlan.WindowNode w) {
            return "Window partition_by=" + join(w.partitionBy()) + (w.orderBy().isEmpty() ? "" : " order_by=" + join(w.orderBy()))
                    + " functions=" + join(w.functions());
        }
        return plan.getClass().getSimpleName();
    }

    private static String size(double bytes) {
        if (bytes >= 1 << 30) {
            return String.format(java.util.Locale.ROOT, "%.1f GB", bytes / (1 << 30));
        }
        if (bytes >= 1 << 20) {
            return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1 << 20));
        }
        return String.format(java.util.Locale.ROOT, "%.0f kB", bytes / 1024);
    }

    private static String join(List<?> items) {
        return items.stream().map(Object::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
