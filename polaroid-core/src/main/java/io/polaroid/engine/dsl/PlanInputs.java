package io.polaroid.engine.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** The inputs of plan nodes, generically: a node with its inputs mapped, whether any node reads files. */
public final class PlanInputs {
    private PlanInputs() {
    }

    /** Whether {@code node} or any node under it scans files (SQL not yet expanded counts as reading). */
    public static boolean readsFiles(PlanNode node) {
        if (node instanceof PlanNode.Scan || node instanceof PlanNode.Sql) {
            return true;
        }
        boolean[] found = {false};
        map(node, in -> {
            found[0] |= readsFiles(in);
            return in;
        });
        return found[0];
    }

    /** {@code node} with each input replaced by {@code f} of it; the same node when no input changed. */
    public static PlanNode map(PlanNode node, UnaryOperator<PlanNode> f) {
        if (node instanceof PlanNode.Filter n) {
            PlanNode in = f.apply(n.input());
            return in == n.input() ? node : new PlanNode.Filter(in, n.predicate());
        }
        if (node instanceof PlanNode.Select n) {
            PlanNode in = f.apply(n.input());
            return in == n.input() ? node : new PlanNode.Select(in, n.exprs());
        }
        if (node instanceof PlanNode.WithColumns n) {
            PlanNode in = f.apply(n.input());
            return in == n.input() ? node : new PlanNode.WithColumns(in, n.exprs());
        }
        if (node instanceof PlanNode.Aggregate n) {
            PlanNode in = f.apply(n.input());
            return in == n.input() ? node : new PlanNode.Aggregate(in, n.keys(), n.aggs(), n.maintainOrder());
        }
        if (node instanceof PlanNode.Join n) {
            PlanNode l = f.apply(n.left());
            PlanNode r = f.apply(n.right());
            return l == n.left() && r == n.right() ? node : new PlanNode.Join(l, r, n.leftOn(), n.rightOn(), n.how(), n.suffix());
        }
        if (node instanceof PlanNode.Sort n) {
            PlanNode in = f.apply(n.input());
            return in == n.input() ? node : new PlanNode.Sort(in, n.keys(), n.maintainOrder());
        }
        if (node instanceof PlanNode.Slice n) {
            PlanNode in = f.apply(n.input());
            return in == n.input() ? node : new PlanNode.Slice(in, n.offset(), n.length());
        }
        if (node instanceof PlanNode.Unique n) {
            PlanNode in = f.apply(n.input());
            return in == n.input() ? node : new PlanNode.Unique(in, n.subset(), n.keep(), n.maintainOrder());
        }
        if (node instanceof PlanNode.Union n) {
            List<PlanNode> inputs = new ArrayList<>();
            boolean changed = false;
            for (PlanNode i : n.inputs()) {
                PlanNode m = f.apply(i);
                changed |= m != i;
                inputs.add(m);
            }
            return changed ? new PlanNode.Union(inputs) : node;
        }
        if (node instanceof PlanNode.Rename n) {
            PlanNode in = f.apply(n.input());
            return in == n.input() ? node : new PlanNode.Rename(in, n.columns());
        }
        if (node instanceof PlanNode.Drop n) {
            PlanNode in = f.apply(n.input());
            return in == n.input() ? node : new PlanNode.Drop(in, n.columns());
        }
        if (node instanceof PlanNode.Explode n) {
            PlanNode in = f.apply(n.input());
            return in == n.input() ? node : new PlanNode.Explode(in, n.columns(), n.emptyAsNull(), n.keepNulls());
        }
        return node;
    }
}
