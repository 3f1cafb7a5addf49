package io.polaroid.engine.analyze;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.FunctionNames;

/**
 * The name of the column an expression produces, by Polars' rule: its alias; else the first
 * column it reads (depth-first, left to right); else {@code len} for {@code len()}; else
 * {@code literal}.
 */
public final class OutputNames {
    private OutputNames() {
    }

    public static String of(Expr expr) {
        String name = firstName(expr);
        return name != null ? name : "literal";
    }

    private static String firstName(Expr expr) {
        if (expr instanceof Expr.Alias a) {
            return a.name();
        }
        if (expr instanceof Expr.Column c) {
            return c.name();
        }
        if (expr instanceof Expr.Cast c) {
            return firstName(c.expr());
        }
        if (expr instanceof Expr.Call c) {
            if (c.function().equals(FunctionNames.LEN) && c.args().isEmpty()) {
                return "len";
            }
            for (Expr arg : c.args()) {
                String name = firstName(arg);
                if (name != null) {
                    return name;
                }
            }
            return null;
        }
        if (expr instanceof Expr.When w) {
            return firstName(w.branches().get(0).then());
        }
        if (expr instanceof Expr.Window w) {
            return firstName(w.expr());
        }
        return null;
    }

    /** The expression without a top-level alias. */
    public static Expr unalias(Expr expr) {
        while (expr instanceof Expr.Alias a) {
            expr = a.expr();
        }
        return expr;
    }
}
