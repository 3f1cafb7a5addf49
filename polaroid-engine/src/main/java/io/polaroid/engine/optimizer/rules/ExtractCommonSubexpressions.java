package io.polaroid.engine.optimizer.rules;

import io.polaroid.engine.expr.AggCall;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.optimizer.OptimizerRule;
import io.polaroid.engine.optimizer.PlanRewrites;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.AggregateNode;
import io.polaroid.engine.plan.LogicalPlan.ProjectNode;
import io.polaroid.engine.plan.NamedAgg;
import io.polaroid.engine.types.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A computation that several aggregates (or keys) of one aggregation share, such as
 * {@code price * (1 - discount)} in {@code sum(price * (1 - discount))} and
 * {@code sum(price * (1 - discount) * (1 + tax))}, is computed once in a projection below the
 * aggregation and referred to by name.
 */
public final class ExtractCommonSubexpressions implements OptimizerRule {
    private static final String PREFIX = "__cse";

    @Override
    public String name() {
        return "extract_common_subexpressions";
    }

    @Override
    public Optional<LogicalPlan> apply(LogicalPlan plan) {
        return PlanRewrites.transformUp(plan, node -> node instanceof AggregateNode a ? extract(a) : Optional.empty());
    }

    private static Optional<LogicalPlan> extract(AggregateNode a) {
        Map<BoundExpr, Integer> counts = new LinkedHashMap<>(); // first-seen order: the same names in every process
        for (NamedExpr k : a.keys()) {
            count(k.expr(), counts);
        }
        for (NamedAgg agg : a.aggs()) {
            if (agg.call().arg() != null) {
                count(agg.call().arg(), counts);
            }
        }
        // the largest shared computations first, so that their parts are not split off separately
        List<BoundExpr> shared = new ArrayList<>();
        counts.forEach((e, c) -> {
            if (c > 1) {
                shared.add(e);
            }
        });
        if (shared.isEmpty()) {
            return Optional.empty();
        }
        shared.sort((x, y) -> Integer.compare(size(y), size(x)));
        Map<BoundExpr, String> names = new LinkedHashMap<>();
        int next = 0;
        for (BoundExpr e : shared) {
            if (!names.containsKey(e) && !insideChosen(e, names)) {
                String name = PREFIX + next++;
                while (a.input().schema().contains(name)) {
                    name = PREFIX + next++;
                }
                names.put(e, name);
            }
        }
        List<NamedExpr> below = new ArrayList<>();
        for (Field f : a.input().schema().fields()) {
            below.add(new NamedExpr(f.name(), new BoundExpr.ColumnRef(f.name(), f.type())));
        }
        names.forEach((e, name) -> below.add(new NamedExpr(name, e)));
        List<NamedExpr> keys = new ArrayList<>();
        for (NamedExpr k : a.keys()) {
            keys.add(new NamedExpr(k.name(), replace(k.expr(), names)));
        }
        List<NamedAgg> aggs = new ArrayList<>();
        for (NamedAgg agg : a.aggs()) {
            AggCall call = agg.call();
            aggs.add(new NamedAgg(agg.name(), call.arg() == null ? call : call.withArg(replace(call.arg(), names))));
        }
        return Optional.of(new AggregateNode(new ProjectNode(a.input(), below), keys, aggs, a.order()));
    }

    private static void count(BoundExpr e, Map<BoundExpr, Integer> counts) {
        if (e instanceof BoundExpr.ColumnRef || e instanceof BoundExpr.Literal) {
            return;
        }
        counts.merge(e, 1, Integer::sum);
        for (BoundExpr child : e.children()) {
            count(child, counts);
        }
    }

    private static boolean insideChosen(BoundExpr e, Map<BoundExpr, String> chosen) {
        for (BoundExpr c : chosen.keySet()) {
            if (contains(c, e)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(BoundExpr tree, BoundExpr part) {
        if (tree.equals(part)) {
            return true;
        }
        for (BoundExpr child : tree.children()) {
            if (contains(child, part)) {
                return true;
            }
        }
        return false;
    }

    private static int size(BoundExpr e) {
        int n = 1;
        for (BoundExpr child : e.children()) {
            n += size(child);
        }
        return n;
    }

    private static BoundExpr replace(BoundExpr e, Map<BoundExpr, String> names) {
        String name = names.get(e);
        if (name != null) {
            return new BoundExpr.ColumnRef(name, e.type());
        }
        List<BoundExpr> children = e.children();
        if (children.isEmpty()) {
            return e;
        }
        List<BoundExpr> replaced = new ArrayList<>(children.size());
        for (BoundExpr child : children) {
            replaced.add(replace(child, names));
        }
        return e.withChildren(replaced);
    }
}
