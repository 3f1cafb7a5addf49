package io.polaroid.engine.expr;

import io.polaroid.engine.types.DataType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Helpers over resolved expressions: conjuncts, referenced columns, substitution. */
public final class Exprs {
    private Exprs() {
    }

    /** {@code a AND b AND c} as [a, b, c]. */
    public static List<BoundExpr> conjuncts(BoundExpr e) {
        List<BoundExpr> out = new ArrayList<>();
        addConjuncts(e, out);
        return out;
    }

    private static void addConjuncts(BoundExpr e, List<BoundExpr> out) {
        if (e instanceof BoundExpr.Call c && c.fn() == ScalarFn.AND) {
            out.addAll(LogicalChains.terms(c));
        } else {
            out.add(e);
        }
    }

    /**
     * The AND of all expressions (true when empty), as a balanced tree ({@link LogicalChains}): a
     * filter of 10,000 conjuncts must not become 10,000 levels that scans and kernels recurse over.
     */
    public static BoundExpr conjoin(List<BoundExpr> exprs) {
        if (exprs.isEmpty()) {
            return new BoundExpr.Literal(true, DataType.BOOL);
        }
        return LogicalChains.combine(ScalarFn.AND, exprs);
    }

    public static Set<String> columns(BoundExpr e) {
        Set<String> out = new LinkedHashSet<>();
        addColumns(e, out);
        return out;
    }

    /**
     * The column an expression's values come from, as Polars names a failing conversion: its first
     * column, without the {@code #n} the planner adds to tell equal names apart; null for none.
     */
    public static String sourceColumn(BoundExpr e) {
        Set<String> columns = columns(e);
        return columns.isEmpty() ? null : columns.iterator().next().replaceFirst("#\\d+$", "");
    }

    public static void addColumns(BoundExpr e, Set<String> out) {
        if (e instanceof BoundExpr.ColumnRef c) {
            out.add(c.name());
        }
        for (BoundExpr child : e.children()) {
            addColumns(child, out);
        }
    }

    /** Replaces every column reference found in {@code replacements} by its expression. */
    public static BoundExpr substitute(BoundExpr e, Map<String, BoundExpr> replacements) {
        return BoundExpr.transformUp(e, x -> x instanceof BoundExpr.ColumnRef c && replacements.containsKey(c.name())
                ? replacements.get(c.name()) : x);
    }

    public static boolean isLiteral(BoundExpr e, Object value) {
        return e instanceof BoundExpr.Literal l && java.util.Objects.equals(l.value(), value);
    }
}
