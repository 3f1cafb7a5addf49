package io.polaroid.engine.sql;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.SortKey;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.sql.QueryTranslator.Correlation;
import io.polaroid.engine.types.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;

/**
 * One SELECT, clause by clause: FROM (joins), WHERE (filters, then the subqueries, as joins),
 * GROUP BY with the aggregates of SELECT, HAVING and ORDER BY, the SELECT list, DISTINCT, ORDER BY
 * and LIMIT. In a subquery, the conjuncts of WHERE that read the outer query's columns are not
 * applied but handed to the {@link Correlation}, and the columns they need are kept in the output.
 */
final class SelectTranslator implements SqlSubqueries {
    private final QueryTranslator q;
    private final SqlSelect select;
    private final Scope outer;
    private final Correlation correlation;
    private final List<PendingJoin> pending = new ArrayList<>();
    private final List<Expr> precomputed = new ArrayList<>();
    private PlanNode plan;
    private Scope scope;
    private Set<String> local;
    /** The FROM items, between reading FROM and joining them along WHERE. */
    private List<SqlRelation> pendingItems;
    /** The FROM items with their own conditions, once WHERE is read. */
    private List<SqlRelation> items;

    /** A subquery's relation to join in before the expression that reads it is evaluated. */
    private record PendingJoin(PlanNode right, List<Expr> leftOn, List<Expr> rightOn, JoinType how) {
    }

    SelectTranslator(QueryTranslator q, SqlSelect select, Scope outer, Correlation correlation) {
        this.q = q;
        this.select = select;
        this.outer = outer;
        this.correlation = correlation;
    }

    SqlRelation translate(SqlNodeList orderBy, SqlNode offset, SqlNode fetch) {
        from();
        where();
        boolean grouped = select.getGroup() != null && !select.getGroup().isEmpty() || ExprTranslator.hasAggregate(select.getSelectList())
                || ExprTranslator.hasAggregate(select.getHaving()) || orderBy != null && ExprTranslator.hasAggregate(orderBy);
        SqlAggregation aggregation = grouped ? grouping() : null;
        ExprTranslator t = new ExprTranslator(scope, q.parameters(), this, aggregation, "the SELECT list");

        List<SqlColumn> out = new ArrayList<>();
        List<Expr> exprs = new ArrayList<>();
        List<Expr> translated = new ArrayList<>();
        for (SqlNode item : select.getSelectList()) {
            selectItem(item, t, out, exprs, translated);
        }
        Expr having = select.getHaving() == null ? null
                : new ExprTranslator(scope, q.parameters(), this, aggregation, "HAVING").translate(select.getHaving());
        List<Expr> hidden = new ArrayList<>();
        List<SortKey> sort = orderBy == null || orderBy.isEmpty() ? List.of()
                : t.sortKeys(orderBy, e -> orderKey(e, t, out, translated, hidden));
        if (aggregation != null) {
            plan = aggregation.plan(plan);
        }
        applyPending();
        if (having != null) {
            plan = new PlanNode.Filter(plan, having);
        }
        if (!precomputed.isEmpty()) {
            plan = new PlanNode.WithColumns(plan, precomputed);
        }
        exprs.addAll(hidden);
        if (correlation != null) {
            exprs.addAll(correlationColumns(aggregation));
        }
        plan = new PlanNode.Select(plan, exprs);
        if (select.isDistinct()) {
            plan = QueryTranslator.distinct(plan);
        }
        if (!sort.isEmpty()) {
            plan = new PlanNode.Sort(plan, sort, false);
        }
        plan = q.slice(plan, offset, fetch);
        return new SqlRelation(plan, out);
    }

    private void from() {
        List<SqlRelation> items = new ArrayList<>();
        if (select.getFrom() == null) {
            items.add(new SqlRelation(OneRow.plan(), List.of()));
        } else {
            flatten(select.getFrom(), items);
        }
        List<SqlColumn> columns = new ArrayList<>();
        for (SqlRelation r : items) {
            columns.addAll(r.columns());
        }
        scope = new Scope(columns, outer);
        local = new HashSet<>();
        columns.forEach(c -> local.add(c.internal()));
        pendingItems = items;
    }

    private void flatten(SqlNode from, List<SqlRelation> items) {
        if (from instanceof org.apache.calcite.sql.SqlJoin j && j.getJoinType() == org.apache.calcite.sql.JoinType.COMMA) {
            flatten(j.getLeft(), items);
            flatten(j.getRight(), items);
        } else {
            items.add(q.fromItem(from, outer));
        }
    }

    /**
     * WHERE: conditions on one FROM item filter that item; EXISTS and IN conditions that read one
     * item's columns (keys only) join with it; then the items are joined along the equalities;
     * what is left (conditions across items, EXISTS with other conditions, scalar subqueries)
     * applies to the joined rows.
     */
    private void where() {
        ExprTranslator t = new ExprTranslator(scope, q.parameters(), this, null, "WHERE");
        List<Expr> plain = new ArrayList<>();
        List<SqlNode> withSubqueries = new ArrayList<>();
        for (SqlNode c : QueryTranslator.conjuncts(select.getWhere())) {
            if (SqlAggregation.hasSubquery(c)) {
                withSubqueries.add(c);
                continue;
            }
            Expr e = t.translate(c);
            if (local.containsAll(QueryTranslator.columnsOf(e))) {
                plain.add(e);
            } else {
                correlated(c, e, t);
            }
        }
        List<Expr> across = new ArrayList<>();
        items = Joins.filterItems(pendingItems, CommonConjuncts.factor(plain), across);
        pendingItems = null;
        List<Subqueries.Condition> afterJoins = new ArrayList<>();
        List<SqlNode> filters = new ArrayList<>();
        for (SqlNode c : withSubqueries) {
            Subqueries.Condition condition = subqueryCondition(c, t);
            if (condition == null) {
                filters.add(c);
                continue;
            }
            int owner = Joins.owner(condition.outerColumns(), items);
            if (owner >= 0) {
                SqlRelation item = items.get(owner);
                items.set(owner, new SqlRelation(condition.applyTo(item.plan()), item.columns()));
            } else {
                afterJoins.add(condition);
            }
        }
        plan = Joins.comma(items, across, q);
        for (Subqueries.Condition condition : afterJoins) {
            plan = condition.applyTo(plan);
        }
        for (SqlNode c : filters) {
            Expr e = t.translate(c);
            applyPending();
            plan = new PlanNode.Filter(plan, e);
        }
    }

    /** EXISTS and IN (subquery) at the top of a WHERE condition, as joins; null for other conditions. */
    private Subqueries.Condition subqueryCondition(SqlNode c, ExprTranslator t) {
        SqlNode inner = QueryTranslator.unwrapNot(c);
        boolean negated = inner != null;
        SqlNode core = negated ? inner : c;
        if (core.getKind() == SqlKind.EXISTS) {
            return Subqueries.exists(this, ((SqlCall) core).operand(0), negated);
        }
        if ((core.getKind() == SqlKind.IN || core.getKind() == SqlKind.NOT_IN) && QueryTranslator.isSubquery(((SqlCall) core).operand(1))) {
            boolean not = negated ^ core.getKind() == SqlKind.NOT_IN;
            return Subqueries.in(this, t.translate(((SqlCall) core).operand(0)), ((SqlCall) core).operand(1), not);
        }
        return null;
    }

    /** The plan of the FROM item (with its own conditions) that holds all of {@code columns}, or null. */
    PlanNode itemHolding(Set<String> columns) {
        int owner = items == null ? -1 : Joins.owner(columns, items);
        return owner < 0 ? null : items.get(owner).plan();
    }

    /** A conjunct that reads outer columns: an equality of an inner and an outer side is a key, anything else residual. */
    private void correlated(SqlNode c, Expr e, ExprTranslator t) {
        if (correlation == null) {
            throw PolaroidException.internal("a condition reads columns of no query in scope: " + c);
        }
        if (c.getKind() == SqlKind.EQUALS) {
            Expr a = t.translate(((SqlCall) c).operand(0));
            Expr b = t.translate(((SqlCall) c).operand(1));
            if (isLocal(a) && isOuter(b)) {
                correlation.innerKeys.add(a);
                correlation.outerKeys.add(b);
                return;
            }
            if (isLocal(b) && isOuter(a)) {
                correlation.innerKeys.add(b);
                correlation.outerKeys.add(a);
                return;
            }
        }
        correlation.residual.add(e);
    }

    private boolean isLocal(Expr e) {
        Set<String> cols = QueryTranslator.columnsOf(e);
        return !cols.isEmpty() && local.containsAll(cols);
    }

    private boolean isOuter(Expr e) {
        Set<String> cols = QueryTranslator.columnsOf(e);
        for (String c : cols) {
            if (local.contains(c)) {
                return false;
            }
        }
        return !cols.isEmpty();
    }

    private SqlAggregation grouping() {
        SqlAggregation aggregation = new SqlAggregation(q.names(), q::neverNull);
        ExprTranslator before = new ExprTranslator(scope, q.parameters(), this, null, "GROUP BY");
        if (select.getGroup() != null) {
            for (SqlNode g : select.getGroup()) {
                if (g.getKind() == SqlKind.ROLLUP || g.getKind() == SqlKind.CUBE || g.getKind() == SqlKind.GROUPING_SETS) {
                    throw PolaroidException.notSupported("GROUP BY " + g.getKind());
                }
                SqlNode key = groupKey(g);
                aggregation.addKey(before.translate(key), outputName(key));
            }
        }
        if (correlation != null) {
            for (Expr k : correlation.innerKeys) {
                correlation.keyColumns.add(aggregation.addKey(k, "key"));
            }
            correlation.aggregated = true;
            narrowToOuterKeys();
        }
        if (select.getGroup() == null || select.getGroup().isEmpty()) {
            if (correlation != null && correlation.innerKeys.isEmpty() && select.getHaving() == null) {
                correlation.oneRow = true;
            }
        }
        return aggregation;
    }

    /**
     * A correlated subquery grouped by its keys is only ever read at the outer query's key values:
     * when the outer FROM item that holds them is much smaller than the rows to group, a semi join
     * with it first groups only those (TPC-H Q2, Q17).
     */
    private void narrowToOuterKeys() {
        if (correlation.keySource == null || correlation.innerKeys.isEmpty()) {
            return;
        }
        Set<String> outerColumns = new HashSet<>();
        correlation.outerKeys.forEach(k -> outerColumns.addAll(QueryTranslator.columnsOf(k)));
        PlanNode keys = correlation.keySource.apply(outerColumns);
        if (keys != null && q.rows(keys) * NARROWING_RATIO <= q.rows(plan)) {
            plan = QueryTranslator.join(plan, keys, correlation.innerKeys, correlation.outerKeys, JoinType.SEMI);
        }
    }

    /** How much smaller than the rows to group the outer keys must be for the semi join to pay. */
    private static final double NARROWING_RATIO = 4;

    /** A GROUP BY item: a position or an alias of the SELECT list means that item's expression (DuckDB). */
    private SqlNode groupKey(SqlNode g) {
        Integer ordinal = QueryTranslator.ordinal(g);
        if (ordinal != null) {
            return stripAlias(select.getSelectList().get(QueryTranslator.checkOrdinal(ordinal, select.getSelectList().size(),
                    "GROUP BY")));
        }
        if (g instanceof SqlIdentifier id && id.isSimple()) {
            try {
                scope.resolve(id.names);
                return g;
            } catch (PolaroidException notAColumn) {
                for (SqlNode item : select.getSelectList()) {
                    if (item.getKind() == SqlKind.AS && ((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple()
                            .equalsIgnoreCase(id.getSimple())) {
                        return ((SqlCall) item).operand(0);
                    }
                }
                throw notAColumn;
            }
        }
        return g;
    }

    private static SqlNode stripAlias(SqlNode item) {
        return item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
    }

    private void selectItem(SqlNode item, ExprTranslator t, List<SqlColumn> out, List<Expr> exprs, List<Expr> translated) {
        if (item instanceof SqlIdentifier id && id.isStar()) {
            if (t.scope() != null && select.getGroup() != null && !select.getGroup().isEmpty()) {
                throw new PolaroidException(ErrorCode.INVALID_PLAN, "SELECT * with GROUP BY; name the columns");
            }
            String qualifier = id.names.size() > 1 ? id.names.get(id.names.size() - 2) : null;
            boolean any = false;
            for (SqlColumn c : scope.columns()) {
                if (qualifier == null || qualifier.equalsIgnoreCase(c.qualifier())) {
                    String internal = q.names().fresh(c.name());
                    out.add(new SqlColumn(null, c.name(), internal));
                    Expr e = new Expr.Column(c.internal());
                    translated.add(e);
                    exprs.add(new Expr.Alias(e, internal));
                    any = true;
                }
            }
            if (!any && qualifier != null) {
                throw new PolaroidException(ErrorCode.FILE_NOT_FOUND, "no table '" + qualifier + "' in FROM for " + id + "; "
                        + scope.describe());
            }
            return;
        }
        SqlNode expr = stripAlias(item);
        String name = item.getKind() == SqlKind.AS ? ((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple() : outputName(expr);
        Expr e = t.translate(expr);
        String internal = q.names().fresh(name);
        out.add(new SqlColumn(null, name, internal));
        translated.add(e);
        exprs.add(new Expr.Alias(e, internal));
    }

    /** The name SQL gives an unnamed result column: a column's own name, else the expression's text. */
    static String outputName(SqlNode expr) {
        if (expr instanceof SqlIdentifier id && !id.isStar()) {
            return id.names.get(id.names.size() - 1);
        }
        return expr.toString().replace("`", "").replace('\n', ' ');
    }

    /** An ORDER BY key: a position or an output name means that column; another expression is sorted on, then dropped. */
    private Expr orderKey(SqlNode e, ExprTranslator t, List<SqlColumn> out, List<Expr> translated, List<Expr> hidden) {
        Integer ordinal = QueryTranslator.ordinal(e);
        if (ordinal != null) {
            return new Expr.Column(out.get(QueryTranslator.checkOrdinal(ordinal, out.size(), "ORDER BY")).internal());
        }
        if (e instanceof SqlIdentifier id && id.isSimple()) {
            for (SqlColumn c : out) {
                if (c.name().equalsIgnoreCase(id.getSimple())) {
                    return new Expr.Column(c.internal());
                }
            }
        }
        Expr key = t.translate(e);
        int at = translated.indexOf(key);
        if (at >= 0) {
            return new Expr.Column(out.get(at).internal());
        }
        if (select.isDistinct()) {
            throw new PolaroidException(ErrorCode.INVALID_PLAN, "with SELECT DISTINCT, ORDER BY expressions must appear in the"
                    + " SELECT list: " + e);
        }
        String internal = q.names().fresh("sort");
        hidden.add(new Expr.Alias(key, internal));
        return new Expr.Column(internal);
    }

    /** The columns a correlated subquery hands out besides its SELECT list: its keys and what residual conditions read. */
    private List<Expr> correlationColumns(SqlAggregation aggregation) {
        List<Expr> extra = new ArrayList<>();
        if (aggregation == null) {
            for (Expr k : correlation.innerKeys) {
                String internal = q.names().fresh("key");
                correlation.keyColumns.add(internal);
                extra.add(new Expr.Alias(k, internal));
            }
            Set<String> needed = new java.util.TreeSet<>();
            for (Expr r : correlation.residual) {
                for (String c : QueryTranslator.columnsOf(r)) {
                    if (local.contains(c)) {
                        needed.add(c);
                    }
                }
            }
            needed.forEach(c -> extra.add(new Expr.Column(c)));
        } else {
            if (!correlation.residual.isEmpty()) {
                throw PolaroidException.notSupported("a correlated subquery with GROUP BY or aggregates whose condition on the"
                        + " outer query is not an equality: " + correlation.residual);
            }
            correlation.keyColumns.forEach(k -> extra.add(new Expr.Column(k)));
        }
        return extra;
    }

    // --- subqueries inside expressions -----------------------------------------------------

    @Override
    public Expr scalar(SqlNode query, ExprTranslator in) {
        return Subqueries.scalar(this, query);
    }

    @Override
    public Expr exists(SqlNode query, ExprTranslator in) {
        throw PolaroidException.notSupported("EXISTS inside another expression (OR, CASE, SELECT); write it as a condition of"
                + " its own in WHERE");
    }

    @Override
    public Expr in(SqlNode value, SqlNode query, boolean negated, ExprTranslator in) {
        throw PolaroidException.notSupported("IN (subquery) inside another expression (OR, CASE, SELECT); write it as a"
                + " condition of its own in WHERE");
    }

    @Override
    public Expr precomputed(Expr value) {
        String internal = q.names().fresh("window");
        precomputed.add(new Expr.Alias(value, internal));
        return new Expr.Column(internal);
    }

    // --- state shared with Subqueries ---------------------------------------------------------

    QueryTranslator translator() {
        return q;
    }

    Scope scope() {
        return scope;
    }

    PlanNode plan() {
        return plan;
    }

    void plan(PlanNode p) {
        plan = p;
    }

    void pendingJoin(PlanNode right, List<Expr> leftOn, List<Expr> rightOn, JoinType how) {
        pending.add(new PendingJoin(right, leftOn, rightOn, how));
    }

    void applyPending() {
        for (PendingJoin j : pending) {
            plan = j.how() == JoinType.CROSS ? new PlanNode.Join(plan, j.right(), List.of(), List.of(), JoinType.CROSS, null)
                    : QueryTranslator.join(plan, j.right(), j.leftOn(), j.rightOn(), j.how());
        }
        pending.clear();
    }

    static Expr lit(long v) {
        return new Expr.Literal(v, DataType.INT32, true);
    }

    static Expr call(String fn, Expr... args) {
        return new Expr.Call(fn, List.of(args));
    }
}
