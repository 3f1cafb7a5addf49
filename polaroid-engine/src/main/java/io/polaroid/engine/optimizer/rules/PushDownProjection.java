package io.polaroid.engine.optimizer.rules;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.Exprs;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.optimizer.OptimizerRule;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.AggregateNode;
import io.polaroid.engine.plan.NamedWindowCall;
import io.polaroid.engine.plan.LogicalPlan.FilterNode;
import io.polaroid.engine.plan.LogicalPlan.JoinNode;
import io.polaroid.engine.plan.LogicalPlan.LimitNode;
import io.polaroid.engine.plan.LogicalPlan.ProjectNode;
import io.polaroid.engine.plan.LogicalPlan.ScanNode;
import io.polaroid.engine.plan.LogicalPlan.SortNode;
import io.polaroid.engine.plan.LogicalPlan.UnionNode;
import io.polaroid.engine.plan.NamedAgg;
import io.polaroid.engine.plan.SortSpec;
import io.polaroid.engine.types.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Column pruning: walks the plan from the top with the set of columns each node must produce,
 * so that projections and aggregations drop outputs nobody reads and every scan reads only the
 * columns that are used above it (in a filter, a key, an expression or the result).
 */
public final class PushDownProjection implements OptimizerRule {
    @Override
    public String name() {
        return "push_down_projection";
    }

    @Override
    public Optional<LogicalPlan> apply(LogicalPlan plan) {
        List<String> names = plan.schema().names();
        Set<LogicalPlan> shared = SharedJoins.of(plan);
        Map<LogicalPlan, Set<String>> sharedColumns = new HashMap<>();
        // First what every place of a shared join needs of it: a walk again while a join inside a
        // shared one, reached with more columns, asks more of the joins inside it.
        for (int walk = 0; walk < MAX_COLLECTING_WALKS && !shared.isEmpty(); walk++) {
            Map<LogicalPlan, Set<String>> before = copy(sharedColumns);
            new Pruning(shared, sharedColumns, true).prune(plan, new LinkedHashSet<>(names));
            if (sharedColumns.equals(before)) {
                break;
            }
        }
        LogicalPlan pruned = new Pruning(shared, sharedColumns, false).prune(plan, new LinkedHashSet<>(names));
        if (!pruned.schema().names().equals(names)) {
            pruned = select(pruned, names);
        }
        return pruned.equals(plan) ? Optional.empty() : Optional.of(pruned);
    }

    /** Enough for joins shared inside shared joins, several deep; more walks only add nothing. */
    private static final int MAX_COLLECTING_WALKS = 8;

    private static Map<LogicalPlan, Set<String>> copy(Map<LogicalPlan, Set<String>> columns) {
        Map<LogicalPlan, Set<String>> copy = new HashMap<>();
        columns.forEach((join, names) -> copy.put(join, new LinkedHashSet<>(names)));
        return copy;
    }

    /**
     * One walk down the plan. A join that {@link SharedJoins} found in several places is pruned to
     * the columns all its places need (collected by the walks before, {@code collecting}), so that
     * its places stay one subtree that runs once; each place then selects the columns it needs.
     */
    private record Pruning(Set<LogicalPlan> shared, Map<LogicalPlan, Set<String>> sharedColumns, boolean collecting) {
        LogicalPlan prune(LogicalPlan node, Set<String> required) {
            return prune(node, required, false);
        }

        /**
         * {@code narrowedAbove}: the parent reads its input's columns by name and outputs its own
         * (a projection, an aggregation), so a shared join needs no select of its own under it:
         * one would only be merged into the parent and put back, pass after pass.
         */
        LogicalPlan prune(LogicalPlan node, Set<String> required, boolean narrowedAbove) {
            if (!shared.contains(node)) {
                return pruneNode(node, required);
            }
            Set<String> columns = sharedColumns.computeIfAbsent(node, n -> new LinkedHashSet<>());
            if (collecting) {
                columns.addAll(required);
                return pruneNode(node, new LinkedHashSet<>(columns));
            }
            columns.addAll(required); // a place the walks did not settle still gets what it needs
            LogicalPlan pruned = pruneNode(node, columns);
            if (narrowedAbove) {
                return pruned;
            }
            List<String> needed = new ArrayList<>();
            for (String n : pruned.schema().names()) {
                if (required.contains(n)) {
                    needed.add(n);
                }
            }
            if (needed.isEmpty()) {
                needed.add(pruned.schema().names().get(0));
            }
            return needed.equals(pruned.schema().names()) ? pruned : select(pruned, needed);
        }

        private LogicalPlan pruneNode(LogicalPlan node, Set<String> required) {
            if (node instanceof ScanNode s) {
                List<String> columns = new ArrayList<>();
                for (String c : s.columns()) {
                    if (required.contains(c)) {
                        columns.add(c);
                    }
                }
                if (columns.isEmpty()) {
                    columns.add(s.columns().get(0));
                }
                return columns.equals(s.columns()) ? s : s.withColumns(columns);
            }
            if (node instanceof FilterNode f) {
                Set<String> childRequired = new LinkedHashSet<>(required);
                Exprs.addColumns(f.predicate(), childRequired);
                return new FilterNode(prune(f.input(), childRequired), f.predicate());
            }
            if (node instanceof ProjectNode p) {
                List<NamedExpr> kept = new ArrayList<>();
                for (NamedExpr e : p.exprs()) {
                    if (required.contains(e.name())) {
                        kept.add(e);
                    }
                }
                if (kept.isEmpty()) {
                    kept.add(p.exprs().get(0));
                }
                Set<String> childRequired = new LinkedHashSet<>();
                for (NamedExpr e : kept) {
                    Exprs.addColumns(e.expr(), childRequired);
                }
                LogicalPlan input = prune(p.input(), childRequired, true);
                ProjectNode result = new ProjectNode(input, kept);
                return result.isIdentity() ? input : result;
            }
            if (node instanceof AggregateNode a) {
                List<NamedAgg> kept = new ArrayList<>();
                for (NamedAgg agg : a.aggs()) {
                    if (required.contains(agg.name())) {
                        kept.add(agg);
                    }
                }
                if (kept.isEmpty() && a.keys().isEmpty() && !a.aggs().isEmpty()) {
                    kept.add(a.aggs().get(0));
                }
                Set<String> childRequired = new LinkedHashSet<>();
                for (NamedExpr k : a.keys()) {
                    Exprs.addColumns(k.expr(), childRequired);
                }
                for (NamedAgg agg : kept) {
                    if (agg.call().arg() != null) {
                        Exprs.addColumns(agg.call().arg(), childRequired);
                    }
                }
                return new AggregateNode(prune(a.input(), childRequired, true), a.keys(), kept, a.order());
            }
            if (node instanceof JoinNode j) {
                Set<String> left = new LinkedHashSet<>();
                Set<String> right = new LinkedHashSet<>();
                List<String> leftNames = j.left().schema().names();
                List<String> rightNames = j.right().schema().names();
                for (String r : required) {
                    if (j.kind().outputsLeft() && leftNames.contains(r)) {
                        left.add(r);
                    } else if (j.kind().outputsRight() && rightNames.contains(r)) {
                        right.add(r);
                    }
                }
                j.leftKeys().forEach(k -> Exprs.addColumns(k, left));
                j.rightKeys().forEach(k -> Exprs.addColumns(k, right));
                return new JoinNode(prune(j.left(), left), prune(j.right(), right), j.kind(), j.leftKeys(), j.rightKeys());
            }
            if (node instanceof SortNode s) {
                Set<String> childRequired = new LinkedHashSet<>(required);
                for (SortSpec k : s.keys()) {
                    Exprs.addColumns(k.expr(), childRequired);
                }
                return new SortNode(prune(s.input(), childRequired), s.keys(), s.fetch());
            }
            if (node instanceof LimitNode l) {
                return new LimitNode(prune(l.input(), required), l.offset(), l.fetch());
            }
            if (node instanceof LogicalPlan.WindowNode w) {
                return pruneWindow(w, required);
            }
            if (node instanceof LogicalPlan.ExplodeNode e) {
                // the exploded columns decide the number of rows, so they are read even when nobody reads them
                Set<String> childRequired = new LinkedHashSet<>(required);
                childRequired.addAll(e.columns());
                return e.withChildren(List.of(prune(e.input(), childRequired)));
            }
            UnionNode u = (UnionNode) node;
            List<String> names = new ArrayList<>();
            for (String n : u.schema().names()) {
                if (required.contains(n)) {
                    names.add(n);
                }
            }
            if (names.isEmpty()) {
                names.add(u.schema().names().get(0));
            }
            List<LogicalPlan> inputs = new ArrayList<>();
            for (LogicalPlan in : u.inputs()) {
                LogicalPlan pruned = prune(in, new LinkedHashSet<>(names));
                inputs.add(pruned.schema().names().equals(names) ? pruned : select(pruned, names));
            }
            return new UnionNode(inputs);
        }

        /** Drops the window functions nobody reads (the node itself when none is left) and the input columns nobody needs. */
        private LogicalPlan pruneWindow(LogicalPlan.WindowNode w, Set<String> required) {
            List<NamedWindowCall> kept = new ArrayList<>();
            Set<String> childRequired = new LinkedHashSet<>(required);
            for (NamedWindowCall f : w.functions()) {
                childRequired.remove(f.name());
                if (required.contains(f.name())) {
                    kept.add(f);
                    if (f.call().arg() != null) {
                        Exprs.addColumns(f.call().arg(), childRequired);
                    }
                    if (f.call().by() != null) {
                        Exprs.addColumns(f.call().by(), childRequired);
                    }
                }
            }
            if (kept.isEmpty()) {
                return prune(w.input(), childRequired);
            }
            w.partitionBy().forEach(k -> Exprs.addColumns(k, childRequired));
            w.orderBy().forEach(k -> Exprs.addColumns(k.expr(), childRequired));
            return new LogicalPlan.WindowNode(prune(w.input(), childRequired), w.partitionBy(), w.orderBy(), kept);
        }
    }

    /** A projection of exactly {@code names}, in that order. */
    private static LogicalPlan select(LogicalPlan plan, List<String> names) {
        List<NamedExpr> exprs = new ArrayList<>();
        for (String n : names) {
            Field f = plan.schema().field(n);
            exprs.add(new NamedExpr(n, new BoundExpr.ColumnRef(n, f.type())));
        }
        return new ProjectNode(plan, exprs);
    }
}
