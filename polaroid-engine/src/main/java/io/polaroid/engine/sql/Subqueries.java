package io.polaroid.engine.sql;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.sql.QueryTranslator.Correlation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;

/**
 * Subqueries decorrelated into joins with the query around them. A correlated subquery's
 * equalities with the outer query become join keys: {@code EXISTS} a semi join, {@code NOT
 * EXISTS} an anti join, {@code IN} a semi join on the value too, {@code NOT IN} an anti join that
 * keeps SQL's answer when nulls are about; a scalar subquery is grouped by its keys and left-joined.
 * Other conditions on the outer query ({@code l2.x <> l1.x}) are checked on the pairs of rows the
 * keys match, each outer row marked by its position.
 */
final class Subqueries {
    private Subqueries() {
    }

    /**
     * A WHERE condition of EXISTS or IN as a join, translated once and then applied where it is
     * cheapest: on the one FROM item it reads, before the joins, when it can.
     */
    static final class Condition {
        private final QueryTranslator q;
        private final SqlRelation sub;
        private final Correlation c;
        private final Expr value;
        private final boolean negated;

        private Condition(QueryTranslator q, SqlRelation sub, Correlation c, Expr value, boolean negated) {
            this.q = q;
            this.sub = sub;
            this.c = c;
            this.value = value;
            this.negated = negated;
        }

        /** The outer columns the join reads, or null when it must wait for the whole FROM (conditions beyond keys). */
        Set<String> outerColumns() {
            if (!c.residual.isEmpty() || value == null && c.innerKeys.isEmpty()) {
                return null;
            }
            Set<String> out = new HashSet<>();
            c.outerKeys.forEach(k -> out.addAll(QueryTranslator.columnsOf(k)));
            if (value != null) {
                out.addAll(QueryTranslator.columnsOf(value));
            }
            return out;
        }

        PlanNode applyTo(PlanNode plan) {
            return value == null ? exists(plan) : in(plan);
        }

        private PlanNode exists(PlanNode plan) {
            JoinType how = negated ? JoinType.ANTI : JoinType.SEMI;
            if (!c.residual.isEmpty()) {
                return withResidual(plan, how);
            }
            if (c.innerKeys.isEmpty()) {
                // uncorrelated: whether the subquery has a row at all
                String rows = q.names().fresh("rows");
                PlanNode count = new PlanNode.Select(sub.plan(), List.of(new Expr.Alias(new Expr.Call(FunctionNames.LEN, List.of()), rows)));
                PlanNode crossed = new PlanNode.Join(plan, count, List.of(), List.of(), JoinType.CROSS, null);
                Expr test = SelectTranslator.call(negated ? FunctionNames.EQ : FunctionNames.GT, new Expr.Column(rows), SelectTranslator.lit(0));
                return new PlanNode.Drop(new PlanNode.Filter(crossed, test), List.of(rows));
            }
            return QueryTranslator.join(plan, sub.plan(), c.outerKeys, columns(c.keyColumns), how);
        }

        private PlanNode in(PlanNode plan) {
            List<Expr> leftOn = new ArrayList<>(List.of(value));
            leftOn.addAll(c.outerKeys);
            List<Expr> rightOn = new ArrayList<>(List.of(new Expr.Column(sub.columns().get(0).internal())));
            rightOn.addAll(columns(c.keyColumns));
            if (!negated) {
                return QueryTranslator.join(plan, sub.plan(), leftOn, rightOn, JoinType.SEMI);
            }
            if (!c.innerKeys.isEmpty()) {
                return QueryTranslator.join(plan, sub.plan(), leftOn, rightOn, JoinType.ANTI);
            }
            // x NOT IN (S): true when S is empty; else null (no row) when x is null or S holds a null
            String rows = q.names().fresh("rows");
            String values = q.names().fresh("values");
            Expr v = new Expr.Column(sub.columns().get(0).internal());
            PlanNode stats = new PlanNode.Select(sub.plan(), List.of(
                    new Expr.Alias(new Expr.Call(FunctionNames.LEN, List.of()), rows),
                    new Expr.Alias(new Expr.Call(FunctionNames.COUNT, List.of(v)), values)));
            PlanNode anti = QueryTranslator.join(plan, sub.plan(), leftOn, rightOn, JoinType.ANTI);
            PlanNode withStats = new PlanNode.Join(anti, stats, List.of(), List.of(), JoinType.CROSS, null);
            Expr empty = SelectTranslator.call(FunctionNames.EQ, new Expr.Column(rows), SelectTranslator.lit(0));
            Expr clean = SelectTranslator.call(FunctionNames.AND, SelectTranslator.call(FunctionNames.IS_NOT_NULL, value),
                    SelectTranslator.call(FunctionNames.EQ, new Expr.Column(values), new Expr.Column(rows)));
            return new PlanNode.Drop(new PlanNode.Filter(withStats, SelectTranslator.call(FunctionNames.OR, empty, clean)),
                    List.of(rows, values));
        }

        /**
         * EXISTS with a condition beyond key equalities: the outer rows get their position, are joined
         * with the subquery on the keys, the condition picks the pairs, and the positions of the pairs
         * that remain make the semi (or anti) join.
         */
        private PlanNode withResidual(PlanNode plan, JoinType how) {
            if (c.innerKeys.isEmpty()) {
                throw PolaroidException.notSupported("EXISTS whose only conditions on the outer query are not equalities: "
                        + c.residual);
            }
            String position = q.names().fresh("row");
            Expr rowNumber = new Expr.Call(FunctionNames.INT_RANGE, List.of(SelectTranslator.lit(0),
                    new Expr.Call(FunctionNames.LEN, List.of())));
            PlanNode numbered = new PlanNode.WithColumns(plan, List.of(new Expr.Alias(rowNumber, position)));
            PlanNode pairs = QueryTranslator.join(numbered, sub.plan(), c.outerKeys, columns(c.keyColumns), JoinType.INNER);
            PlanNode matched = new PlanNode.Select(new PlanNode.Filter(pairs, QueryTranslator.and(c.residual)),
                    List.of(new Expr.Column(position)));
            return new PlanNode.Drop(new PlanNode.Join(numbered, matched, List.of(new Expr.Column(position)),
                    List.of(new Expr.Column(position)), how, null), List.of(position));
        }
    }

    /** {@code [NOT] EXISTS (query)} standing as a condition of WHERE. */
    static Condition exists(SelectTranslator s, SqlNode query, boolean negated) {
        Correlation c = new Correlation();
        SqlRelation sub = s.translator().query(query, s.scope(), c);
        return new Condition(s.translator(), sub, c, null, negated);
    }

    /** {@code value [NOT] IN (query)} standing as a condition of WHERE. */
    static Condition in(SelectTranslator s, Expr value, SqlNode query, boolean negated) {
        Correlation c = new Correlation();
        SqlRelation sub = s.translator().query(query, s.scope(), c);
        if (sub.columns().size() != 1) {
            throw new PolaroidException(ErrorCode.INVALID_PLAN, "the subquery of IN returns " + sub.columns().size()
                    + " columns; it must return one");
        }
        if (!c.residual.isEmpty()) {
            throw PolaroidException.notSupported("IN (subquery) whose condition on the outer query is not an equality: "
                    + c.residual);
        }
        return new Condition(s.translator(), sub, c, value, negated);
    }

    /** A scalar subquery: joined in before the expression that reads it; returns the column of its value. */
    static Expr scalar(SelectTranslator s, SqlNode query) {
        Correlation c = new Correlation();
        c.keySource = s::itemHolding;
        SqlRelation sub = s.translator().query(query, s.scope(), c);
        if (sub.columns().size() != 1) {
            throw new PolaroidException(ErrorCode.INVALID_PLAN, "a scalar subquery returns " + sub.columns().size()
                    + " columns; it must return one");
        }
        Expr value = new Expr.Column(sub.columns().get(0).internal());
        if (!c.residual.isEmpty()) {
            throw PolaroidException.notSupported("a scalar subquery whose condition on the outer query is not an equality: "
                    + c.residual);
        }
        if (c.innerKeys.isEmpty()) {
            if (c.oneRow) {
                s.pendingJoin(sub.plan(), List.of(), List.of(), JoinType.CROSS);
                return value;
            }
            // any number of rows: null when none (a left join on a constant)
            String k1 = s.translator().names().fresh("one");
            String k2 = s.translator().names().fresh("one");
            PlanNode right = new PlanNode.WithColumns(sub.plan(), List.of(new Expr.Alias(SelectTranslator.lit(1), k2)));
            s.plan(new PlanNode.WithColumns(s.plan(), List.of(new Expr.Alias(SelectTranslator.lit(1), k1))));
            s.pendingJoin(right, List.of(new Expr.Column(k1)), List.of(new Expr.Column(k2)), JoinType.LEFT);
            return value;
        }
        if (!c.aggregated) {
            throw PolaroidException.notSupported("a correlated scalar subquery without an aggregate (it could return more than one"
                    + " row); use an aggregate such as min(...) or max(...)");
        }
        s.pendingJoin(sub.plan(), c.outerKeys, columns(c.keyColumns), JoinType.LEFT);
        // count() of no rows is 0, not the null a missing match gives
        return isCount(query) ? new Expr.Call(FunctionNames.COALESCE, List.of(value, SelectTranslator.lit(0))) : value;
    }

    private static boolean isCount(SqlNode query) {
        if (!(query instanceof SqlSelect s) || s.getSelectList().size() != 1) {
            return false;
        }
        SqlNode item = s.getSelectList().get(0);
        if (item.getKind() == SqlKind.AS) {
            item = ((SqlCall) item).operand(0);
        }
        return item instanceof SqlCall call && call.getOperator().getName().equalsIgnoreCase("count");
    }

    private static List<Expr> columns(List<String> names) {
        List<Expr> out = new ArrayList<>();
        names.forEach(n -> out.add(new Expr.Column(n)));
        return out;
    }
}
