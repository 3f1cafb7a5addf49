package io.polaroid.engine.sql;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.FunctionNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code (a AND b) OR (a AND c)} as {@code a AND (b OR c)}: a condition every branch of an OR
 * repeats is pulled out, so a join equality written in each branch (TPC-H Q19) becomes a join key
 * instead of a filter over a cross join.
 */
final class CommonConjuncts {
    private CommonConjuncts() {
    }

    /** The conditions, each OR with conditions common to all its branches split into them and the rest. */
    static List<Expr> factor(List<Expr> conditions) {
        List<Expr> out = new ArrayList<>();
        for (Expr c : conditions) {
            out.addAll(factor(c));
        }
        return out;
    }

    private static List<Expr> factor(Expr condition) {
        List<Expr> branches = flatten(condition, FunctionNames.OR);
        if (branches.size() < 2) {
            return List.of(condition);
        }
        List<List<Expr>> parts = new ArrayList<>();
        for (Expr b : branches) {
            parts.add(flatten(b, FunctionNames.AND));
        }
        Set<Expr> common = new LinkedHashSet<>(parts.get(0));
        for (List<Expr> p : parts) {
            common.retainAll(p);
        }
        if (common.isEmpty()) {
            return List.of(condition);
        }
        List<Expr> out = new ArrayList<>(common);
        Expr rest = null;
        for (List<Expr> p : parts) {
            List<Expr> left = new ArrayList<>(p);
            left.removeAll(common);
            if (left.isEmpty()) {
                return out; // one branch is only the common part: the OR holds whenever it does
            }
            Expr branch = QueryTranslator.and(left);
            rest = rest == null ? branch : new Expr.Call(FunctionNames.OR, List.of(rest, branch));
        }
        out.add(rest);
        return out;
    }

    private static List<Expr> flatten(Expr e, String fn) {
        List<Expr> out = new ArrayList<>();
        if (e instanceof Expr.Call c && c.function().equals(fn)) {
            for (Expr a : c.args()) {
                out.addAll(flatten(a, fn));
            }
        } else {
            out.add(e);
        }
        return out;
    }
}
