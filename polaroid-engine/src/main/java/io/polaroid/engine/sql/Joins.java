package io.polaroid.engine.sql;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.error.PolaroidException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * Joins. A comma list is joined along the WHERE clause's equalities between its items, smallest
 * (estimated) first, each next item the smallest that an equality ties to those joined so far (a
 * cross join when none does); conditions on one item filter it first.
 * An explicit JOIN takes its ON equalities as keys; for an outer join a condition on the side
 * whose rows may be dropped filters that side first.
 */
final class Joins {
    private Joins() {
    }

    /** An equality between the columns of two different items. */
    private record Edge(int a, Expr aExpr, int b, Expr bExpr) {
    }

    /**
     * The items with the conditions that read only their own columns applied; the conditions
     * across items are added to {@code across}.
     */
    static List<SqlRelation> filterItems(List<SqlRelation> items, List<Expr> conditions, List<Expr> across) {
        List<List<Expr>> own = new ArrayList<>();
        items.forEach(i -> own.add(new ArrayList<>()));
        for (Expr c : conditions) {
            int owner = owner(QueryTranslator.columnsOf(c), items);
            if (owner >= 0) {
                own.get(owner).add(c);
            } else {
                across.add(c);
            }
        }
        List<SqlRelation> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            SqlRelation item = items.get(i);
            Expr filter = QueryTranslator.and(own.get(i));
            out.add(filter == null ? item : new SqlRelation(new PlanNode.Filter(item.plan(), filter), item.columns()));
        }
        return out;
    }

    /** The item that holds every one of {@code columns} (none: -1; no columns: -1). */
    static int owner(Set<String> columns, List<SqlRelation> items) {
        if (columns == null || columns.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < items.size(); i++) {
            if (internals(items.get(i)).containsAll(columns)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The items joined along the equalities among {@code conditions}, greedily: first the item with
     * the fewest estimated rows (after its own conditions), then each time the smallest item an
     * equality ties to those joined (a cross join when none is tied). The other conditions filter
     * the result; the optimizer pushes them down.
     */
    static PlanNode comma(List<SqlRelation> items, List<Expr> conditions, QueryTranslator q) {
        List<Set<String>> columns = new ArrayList<>();
        double[] rows = new double[items.size()];
        for (int i = 0; i < items.size(); i++) {
            columns.add(internals(items.get(i)));
            rows[i] = items.size() > 1 ? q.rows(items.get(i).plan()) : 0;
        }
        List<Edge> edges = new ArrayList<>();
        List<Expr> filters = new ArrayList<>();
        for (Expr c : conditions) {
            Edge e = items.size() > 1 ? edge(c, columns) : null;
            if (e != null) {
                edges.add(e);
            } else {
                filters.add(c);
            }
        }
        int first = smallest(rows, i -> true);
        Set<Integer> joined = new HashSet<>(List.of(first));
        PlanNode plan = items.get(first).plan();
        while (joined.size() < items.size()) {
            int next = smallest(rows, i -> !joined.contains(i) && connected(i, joined, edges));
            if (next < 0) {
                next = smallest(rows, i -> !joined.contains(i));
            }
            List<Expr> leftOn = new ArrayList<>();
            List<Expr> rightOn = new ArrayList<>();
            for (Edge e : new ArrayList<>(edges)) {
                if (joined.contains(e.a()) && e.b() == next) {
                    leftOn.add(e.aExpr());
                    rightOn.add(e.bExpr());
                    edges.remove(e);
                } else if (joined.contains(e.b()) && e.a() == next) {
                    leftOn.add(e.bExpr());
                    rightOn.add(e.aExpr());
                    edges.remove(e);
                }
            }
            PlanNode right = items.get(next).plan();
            plan = leftOn.isEmpty() ? new PlanNode.Join(plan, right, List.of(), List.of(), JoinType.CROSS, null)
                    : QueryTranslator.join(plan, right, leftOn, rightOn, JoinType.INNER);
            joined.add(next);
        }
        for (Edge e : edges) {
            // an equality between items already joined through others
            filters.add(new Expr.Call(FunctionNames.EQ, List.of(e.aExpr(), e.bExpr())));
        }
        Expr filter = QueryTranslator.and(filters);
        return filter == null ? plan : new PlanNode.Filter(plan, filter);
    }

    /** The index with the fewest rows among those {@code allowed}; ties go to the earlier item; -1 when none. */
    private static int smallest(double[] rows, java.util.function.IntPredicate allowed) {
        int best = -1;
        for (int i = 0; i < rows.length; i++) {
            if (allowed.test(i) && (best < 0 || rows[i] < rows[best])) {
                best = i;
            }
        }
        return best;
    }

    private static boolean connected(int i, Set<Integer> joined, List<Edge> edges) {
        for (Edge e : edges) {
            if (e.a() == i && joined.contains(e.b()) || e.b() == i && joined.contains(e.a())) {
                return true;
            }
        }
        return false;
    }

    /** {@code x = y} where x reads only item a's columns and y only item b's (a != b), else null. */
    private static Edge edge(Expr c, List<Set<String>> columns) {
        if (!(c instanceof Expr.Call call) || !call.function().equals(FunctionNames.EQ)) {
            return null;
        }
        int a = ownerOf(call.args().get(0), columns);
        int b = ownerOf(call.args().get(1), columns);
        return a >= 0 && b >= 0 && a != b ? new Edge(a, call.args().get(0), b, call.args().get(1)) : null;
    }

    private static int ownerOf(Expr e, List<Set<String>> columns) {
        Set<String> used = QueryTranslator.columnsOf(e);
        if (used.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).containsAll(used)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code a [INNER|LEFT|RIGHT|FULL|CROSS] JOIN b [ON ... | USING (...)]}. */
    static SqlRelation explicit(QueryTranslator q, SqlJoin join, Scope outer) {
        if (join.isNatural()) {
            throw PolaroidException.notSupported("NATURAL JOIN; name the columns with USING (...)");
        }
        SqlRelation left = q.fromItem(join.getLeft(), outer);
        SqlRelation right = q.fromItem(join.getRight(), outer);
        org.apache.calcite.sql.JoinType type = join.getJoinType();
        JoinType how = switch (type) {
            case INNER -> JoinType.INNER;
            case LEFT -> JoinType.LEFT;
            case RIGHT -> JoinType.RIGHT;
            case FULL -> JoinType.FULL;
            case CROSS, COMMA -> JoinType.CROSS;
            default -> throw PolaroidException.notSupported(type + " JOIN");
        };
        List<SqlColumn> columns = new ArrayList<>(left.columns());
        columns.addAll(right.columns());
        if (how == JoinType.CROSS || join.getConditionType() == JoinConditionType.NONE) {
            return new SqlRelation(new PlanNode.Join(left.plan(), right.plan(), List.of(), List.of(), JoinType.CROSS, null), columns);
        }
        if (join.getConditionType() == JoinConditionType.USING) {
            return using(q, left, right, (org.apache.calcite.sql.SqlNodeList) join.getCondition(), how);
        }
        Scope scope = new Scope(columns, outer);
        ExprTranslator t = new ExprTranslator(scope, q.parameters(), QueryTranslator.noSubqueries(), null, "a join condition");
        Set<String> leftCols = internals(left);
        Set<String> rightCols = internals(right);
        List<Expr> leftOn = new ArrayList<>();
        List<Expr> rightOn = new ArrayList<>();
        List<Expr> leftOnly = new ArrayList<>();
        List<Expr> rightOnly = new ArrayList<>();
        List<Expr> rest = new ArrayList<>();
        for (SqlNode c : QueryTranslator.conjuncts(join.getCondition())) {
            Expr e = t.translate(c);
            Set<String> used = QueryTranslator.columnsOf(e);
            if (c.getKind() == SqlKind.EQUALS) {
                Expr a = t.translate(((SqlCall) c).operand(0));
                Expr b = t.translate(((SqlCall) c).operand(1));
                if (within(a, leftCols) && within(b, rightCols)) {
                    leftOn.add(a);
                    rightOn.add(b);
                    continue;
                }
                if (within(b, leftCols) && within(a, rightCols)) {
                    leftOn.add(b);
                    rightOn.add(a);
                    continue;
                }
            }
            if (!used.isEmpty() && rightCols.containsAll(used)) {
                rightOnly.add(e);
            } else if (!used.isEmpty() && leftCols.containsAll(used)) {
                leftOnly.add(e);
            } else {
                rest.add(e);
            }
        }
        PlanNode l = left.plan();
        PlanNode r = right.plan();
        List<Expr> after = new ArrayList<>(rest);
        if (how == JoinType.INNER) {
            after.addAll(leftOnly);
            after.addAll(rightOnly);
        } else {
            boolean keepsLeft = how == JoinType.LEFT || how == JoinType.FULL;
            boolean keepsRight = how == JoinType.RIGHT || how == JoinType.FULL;
            if (!rightOnly.isEmpty() && keepsRight || !leftOnly.isEmpty() && keepsLeft || !rest.isEmpty() || leftOn.isEmpty()) {
                throw PolaroidException.notSupported("this " + how.name() + " JOIN condition: an outer join takes equalities"
                        + " between the two sides, and conditions on the side whose rows it may drop");
            }
            r = rightOnly.isEmpty() ? r : new PlanNode.Filter(r, QueryTranslator.and(rightOnly));
            l = leftOnly.isEmpty() ? l : new PlanNode.Filter(l, QueryTranslator.and(leftOnly));
        }
        PlanNode plan = leftOn.isEmpty() ? new PlanNode.Join(l, r, List.of(), List.of(), JoinType.CROSS, null)
                : QueryTranslator.join(l, r, leftOn, rightOn, how);
        Expr filter = QueryTranslator.and(after);
        return new SqlRelation(filter == null ? plan : new PlanNode.Filter(plan, filter), columns);
    }

    /** {@code USING (a, b)}: equal names are the keys, and one column each, as SQL shows them. */
    private static SqlRelation using(QueryTranslator q, SqlRelation left, SqlRelation right,
                                     org.apache.calcite.sql.SqlNodeList names, JoinType how) {
        List<Expr> leftOn = new ArrayList<>();
        List<Expr> rightOn = new ArrayList<>();
        List<SqlColumn> columns = new ArrayList<>();
        Set<String> hiddenLeft = new HashSet<>();
        Set<String> hiddenRight = new HashSet<>();
        List<Expr> merged = new ArrayList<>();
        for (SqlNode n : names) {
            String name = ((SqlIdentifier) n).getSimple();
            SqlColumn l = new Scope(left.columns(), null).resolve(List.of(name)).column();
            SqlColumn r = new Scope(right.columns(), null).resolve(List.of(name)).column();
            leftOn.add(new Expr.Column(l.internal()));
            rightOn.add(new Expr.Column(r.internal()));
            if (how == JoinType.RIGHT) {
                hiddenLeft.add(l.internal());
            } else if (how == JoinType.FULL) {
                hiddenLeft.add(l.internal());
                hiddenRight.add(r.internal());
                String internal = q.names().fresh(name);
                merged.add(new Expr.Alias(new Expr.Call(FunctionNames.COALESCE, List.of(new Expr.Column(l.internal()),
                        new Expr.Column(r.internal()))), internal));
                columns.add(new SqlColumn(null, name, internal));
            } else {
                hiddenRight.add(r.internal());
            }
        }
        for (SqlColumn c : left.columns()) {
            if (!hiddenLeft.contains(c.internal())) {
                columns.add(c);
            }
        }
        for (SqlColumn c : right.columns()) {
            if (!hiddenRight.contains(c.internal())) {
                columns.add(c);
            }
        }
        PlanNode plan = QueryTranslator.join(left.plan(), right.plan(), leftOn, rightOn, how);
        if (!merged.isEmpty()) {
            plan = new PlanNode.WithColumns(plan, merged);
        }
        return new SqlRelation(plan, columns);
    }

    private static Set<String> internals(SqlRelation r) {
        Set<String> out = new HashSet<>();
        r.columns().forEach(c -> out.add(c.internal()));
        return out;
    }

    private static boolean within(Expr e, Set<String> columns) {
        Set<String> used = QueryTranslator.columnsOf(e);
        return !used.isEmpty() && columns.containsAll(used);
    }
}
