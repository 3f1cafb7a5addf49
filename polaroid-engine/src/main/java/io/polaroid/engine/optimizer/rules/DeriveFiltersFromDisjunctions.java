package io.polaroid.engine.optimizer.rules;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.Exprs;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.optimizer.OptimizerRule;
import io.polaroid.engine.optimizer.PlanRewrites;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.FilterNode;
import io.polaroid.engine.types.DataType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * From a filter {@code (a = 1 and b = 2) or (a = 3 and b = 4)}, which no single input of a join
 * can check, derives what every branch implies about one column: {@code a = 1 or a = 3} and
 * {@code b = 2 or b = 4}. The derived conjuncts are added to the filter (which keeps the original),
 * so that filter pushdown can move them below the join. Runs once: added again, they would add up.
 */
public final class DeriveFiltersFromDisjunctions implements OptimizerRule {
    @Override
    public String name() {
        return "derive_filters_from_disjunctions";
    }

    @Override
    public Optional<LogicalPlan> apply(LogicalPlan plan) {
        return PlanRewrites.transformUp(plan, node -> {
            if (!(node instanceof FilterNode f)) {
                return Optional.empty();
            }
            List<BoundExpr> conjuncts = Exprs.conjuncts(f.predicate());
            List<BoundExpr> derived = new ArrayList<>();
            for (BoundExpr c : conjuncts) {
                for (BoundExpr d : derive(c)) {
                    if (!conjuncts.contains(d) && !derived.contains(d)) {
                        derived.add(d);
                    }
                }
            }
            if (derived.isEmpty()) {
                return Optional.empty();
            }
            List<BoundExpr> all = new ArrayList<>(conjuncts);
            all.addAll(derived);
            return Optional.of(new FilterNode(f.input(), Exprs.conjoin(all)));
        });
    }

    /** For an OR, one implied disjunction per column that every branch restricts on its own. */
    static List<BoundExpr> derive(BoundExpr c) {
        List<BoundExpr> branches = disjuncts(c);
        if (branches.size() < 2) {
            return List.of();
        }
        Set<String> candidates = new LinkedHashSet<>();
        for (BoundExpr part : Exprs.conjuncts(branches.get(0))) {
            Set<String> cols = Exprs.columns(part);
            if (cols.size() == 1) {
                candidates.addAll(cols);
            }
        }
        List<BoundExpr> out = new ArrayList<>();
        for (String column : candidates) {
            List<BoundExpr> perBranch = new ArrayList<>();
            for (BoundExpr branch : branches) {
                List<BoundExpr> onColumn = new ArrayList<>();
                for (BoundExpr part : Exprs.conjuncts(branch)) {
                    if (Exprs.columns(part).equals(Set.of(column))) {
                        onColumn.add(part);
                    }
                }
                if (onColumn.isEmpty()) {
                    perBranch = null;
                    break;
                }
                perBranch.add(Exprs.conjoin(onColumn));
            }
            if (perBranch != null) {
                out.add(io.polaroid.engine.expr.LogicalChains.combine(ScalarFn.OR, perBranch));
            }
        }
        return out;
    }

    private static List<BoundExpr> disjuncts(BoundExpr e) {
        List<BoundExpr> out = new ArrayList<>();
        addDisjuncts(e, out);
        return out;
    }

    private static void addDisjuncts(BoundExpr e, List<BoundExpr> out) {
        if (e instanceof BoundExpr.Call c && c.fn() == ScalarFn.OR) {
            addDisjuncts(c.args().get(0), out);
            addDisjuncts(c.args().get(1), out);
        } else {
            out.add(e);
        }
    }
}
