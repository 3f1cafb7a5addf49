package io.polaroid.engine.sql;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.PlanNode;
import java.util.ArrayList;
import java.util.List;

/** A relation being built: the plan so far and its columns, in order, as SQL names them. */
record SqlRelation(PlanNode plan, List<SqlColumn> columns) {
    SqlRelation {
        columns = List.copyOf(columns);
    }

    /** The same columns under the qualifier {@code alias} (a FROM item's alias). */
    SqlRelation qualified(String alias) {
        List<SqlColumn> out = new ArrayList<>();
        for (SqlColumn c : columns) {
            out.add(new SqlColumn(alias, c.name(), c.internal()));
        }
        return new SqlRelation(plan, out);
    }

    /** The plan with its columns renamed to their SQL names, in order: what the query returns. */
    PlanNode output() {
        List<Expr> exprs = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        boolean identity = true;
        for (SqlColumn c : columns) {
            String name = unique(c.name(), seen);
            seen.add(name);
            identity &= name.equals(c.internal());
            exprs.add(name.equals(c.internal()) ? new Expr.Column(c.internal())
                    : new Expr.Alias(new Expr.Column(c.internal()), name));
        }
        return identity && exprs.size() == columns.size() && plan instanceof PlanNode.Select s && s.exprs().size() == exprs.size()
                ? plan : new PlanNode.Select(plan, exprs);
    }

    /** A result may name two columns alike ({@code SELECT a, a}); the later ones get {@code _1}, {@code _2}, ... as DuckDB does. */
    private static String unique(String name, List<String> seen) {
        if (!seen.contains(name)) {
            return name;
        }
        int i = 1;
        while (seen.contains(name + "_" + i)) {
            i++;
        }
        return name + "_" + i;
    }
}
