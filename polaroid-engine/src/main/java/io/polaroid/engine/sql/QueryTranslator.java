package io.polaroid.engine.sql;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.FunctionNames;
import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.dsl.SortKey;
import io.polaroid.engine.dsl.UniqueKeep;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;

/**
 * A SQL query as a plan of the engine's relations. FROM items become scans and subplans whose
 * columns get unique names ({@link SqlNames}); comma joins are ordered along the WHERE clause's
 * equalities; subqueries are decorrelated into joins (EXISTS and IN into semi and anti joins,
 * scalar subqueries into joins with their grouped values); GROUP BY and aggregates become one
 * aggregation; the result is renamed to the names SQL gives its columns.
 */
final class QueryTranslator {
    private final SqlTableNames tables;
    private final SqlNames names = new SqlNames();
    private final SqlParameters parameters;
    private final Function<PlanNode, Schema> schemaOf;
    private final java.util.function.ToDoubleFunction<PlanNode> rowsOf;
    private final Map<String, DataType> columnTypes;
    /** Columns of FROM items that hold no null (a Parquet REQUIRED column, say), by their names in the plan. */
    private final java.util.Set<String> nonNull = new java.util.HashSet<>();
    private final List<Map<String, SqlRelation>> ctes = new ArrayList<>();

    QueryTranslator(SqlTableNames tables, SqlParameters parameters, Function<PlanNode, Schema> schemaOf,
                    java.util.function.ToDoubleFunction<PlanNode> rowsOf, Map<String, DataType> columnTypes) {
        this.tables = tables;
        this.parameters = parameters;
        this.schemaOf = schemaOf;
        this.rowsOf = rowsOf;
        this.columnTypes = columnTypes;
    }

    SqlNames names() {
        return names;
    }

    /** A query: SELECT, a set operation, WITH, or any of them with ORDER BY / LIMIT. */
    SqlRelation query(SqlNode node, Scope outer) {
        return query(node, outer, null);
    }

    SqlRelation query(SqlNode node, Scope outer, Correlation correlation) {
        switch (node.getKind()) {
            case SELECT:
                return new SelectTranslator(this, (SqlSelect) node, outer, correlation).translate(null, null, null);
            case ORDER_BY: {
                SqlOrderBy ob = (SqlOrderBy) node;
                if (ob.query instanceof SqlSelect s) {
                    return new SelectTranslator(this, s, outer, correlation).translate(ob.orderList, ob.offset, ob.fetch);
                }
                return orderAndSlice(query(ob.query, outer, correlation), ob.orderList, ob.offset, ob.fetch);
            }
            case UNION:
            case INTERSECT:
            case EXCEPT:
                return SetOperations.translate(this, (SqlCall) node, outer);
            case WITH:
                return with((SqlWith) node, outer, correlation);
            case VALUES:
                throw PolaroidException.notSupported("VALUES lists; select from a registered table instead");
            default:
                throw PolaroidException.notSupported("the statement " + node.getKind() + "; the statements are SELECT (with WITH,"
                        + " UNION, INTERSECT, EXCEPT), CREATE VIEW, DROP VIEW and EXPLAIN");
        }
    }

    private SqlRelation with(SqlWith with, Scope outer, Correlation correlation) {
        Map<String, SqlRelation> frame = new HashMap<>();
        ctes.add(frame);
        try {
            for (SqlNode item : with.withList) {
                SqlWithItem w = (SqlWithItem) item;
                if (w.recursive != null && w.recursive.booleanValue()) {
                    throw PolaroidException.notSupported("WITH RECURSIVE");
                }
                SqlRelation r = query(w.query, outer);
                if (w.columnList != null) {
                    r = renamed(r, w.columnList, w.name.getSimple());
                }
                frame.put(w.name.getSimple().toLowerCase(Locale.ROOT), r);
            }
            return query(with.body, outer, correlation);
        } finally {
            ctes.remove(ctes.size() - 1);
        }
    }

    /** ORDER BY / OFFSET / LIMIT over a set operation's result: by output name or position. */
    SqlRelation orderAndSlice(SqlRelation r, SqlNodeList orderBy, SqlNode offset, SqlNode fetch) {
        PlanNode plan = r.plan();
        if (orderBy != null && !orderBy.isEmpty()) {
            Scope scope = new Scope(r.columns(), null);
            ExprTranslator t = new ExprTranslator(scope, parameters, noSubqueries(), null, "ORDER BY");
            List<SortKey> keys = t.sortKeys(orderBy, e -> {
                Integer ordinal = ordinal(e);
                if (ordinal != null) {
                    return new Expr.Column(r.columns().get(checkOrdinal(ordinal, r.columns().size(), "ORDER BY")).internal());
                }
                return t.translate(e);
            });
            plan = new PlanNode.Sort(plan, keys, false);
        }
        return new SqlRelation(slice(plan, offset, fetch), r.columns());
    }

    PlanNode slice(PlanNode plan, SqlNode offset, SqlNode fetch) {
        if (offset == null && fetch == null) {
            return plan;
        }
        long off = offset == null ? 0 : count(offset, "OFFSET");
        Long len = fetch == null ? null : count(fetch, "LIMIT");
        return new PlanNode.Slice(plan, off, len);
    }

    private long count(SqlNode n, String what) {
        Expr e = new ExprTranslator(new Scope(List.of(), null), parameters, noSubqueries(), null, what).translate(n);
        if (e instanceof Expr.Literal l && l.value() instanceof Number v && v.longValue() >= 0) {
            return v.longValue();
        }
        throw new PolaroidException(ErrorCode.INVALID_PLAN, what + " takes a whole number of 0 or more, not " + n);
    }

    static Integer ordinal(SqlNode e) {
        if (e instanceof SqlLiteral l && l.getTypeName() == org.apache.calcite.sql.type.SqlTypeName.DECIMAL
                && l.getValueAs(java.math.BigDecimal.class).scale() <= 0) {
            return l.intValue(true);
        }
        return null;
    }

    static int checkOrdinal(int ordinal, int size, String clause) {
        if (ordinal < 1 || ordinal > size) {
            throw new PolaroidException(ErrorCode.INVALID_PLAN, clause + " position " + ordinal + " is not in the SELECT list (1 to "
                    + size + ")");
        }
        return ordinal - 1;
    }

    /** A FROM item: a table, a view, a CTE, a subquery, a table function or a join, with its alias. */
    SqlRelation fromItem(SqlNode node, Scope outer) {
        if (node.getKind() == SqlKind.AS) {
            SqlCall as = (SqlCall) node;
            List<SqlNode> ops = as.getOperandList();
            String alias = ((SqlIdentifier) ops.get(1)).getSimple();
            SqlRelation r = fromItem(ops.get(0), outer, alias);
            if (ops.size() > 2) {
                r = renamed(r, new SqlNodeList(ops.subList(2, ops.size()), as.getParserPosition()), alias);
            }
            return r.qualified(alias);
        }
        return fromItem(node, outer, null);
    }

    private SqlRelation fromItem(SqlNode node, Scope outer, String alias) {
        if (node instanceof SqlIdentifier id) {
            String name = id.names.get(id.names.size() - 1);
            SqlRelation r = named(id.names);
            return r.qualified(alias != null ? alias : name);
        }
        if (node instanceof SqlJoin join) {
            return Joins.explicit(this, join, outer);
        }
        if (node.getKind() == SqlKind.COLLECTION_TABLE) {
            SqlCall fn = (SqlCall) ((SqlCall) node).operand(0);
            List<String> paths = new ArrayList<>();
            for (SqlNode arg : fn.getOperandList()) {
                if (!(arg instanceof SqlLiteral l) || l.getValueAs(String.class) == null) {
                    throw PolaroidException.notSupported(fn.getOperator().getName() + "() with an argument that is not a path string");
                }
                paths.add(l.getValueAs(String.class));
            }
            String function = fn.getOperator().getName().toLowerCase(Locale.ROOT);
            return bind(SqlTableNames.tableFunction(function, paths), alias != null ? alias : function);
        }
        if (node instanceof SqlSelect || node.getKind() == SqlKind.ORDER_BY || node.getKind() == SqlKind.UNION
                || node.getKind() == SqlKind.WITH || node.getKind() == SqlKind.INTERSECT || node.getKind() == SqlKind.EXCEPT) {
            SqlRelation r = query(node, null);
            return rebind(r).qualified(alias);
        }
        throw PolaroidException.notSupported("the FROM item " + node + " (" + node.getKind() + ")");
    }

    /** A table by name: a CTE in scope, a view, or a table. */
    private SqlRelation named(List<String> qualified) {
        if (qualified.size() == 1) {
            String key = qualified.get(0).toLowerCase(Locale.ROOT);
            for (int i = ctes.size() - 1; i >= 0; i--) {
                SqlRelation cte = ctes.get(i).get(key);
                if (cte != null) {
                    return rebind(cte);
                }
            }
        }
        SqlRelation view = tables.view(qualified);
        if (view != null) {
            return rebind(view);
        }
        return bind(tables.table(qualified), qualified.get(qualified.size() - 1));
    }

    /** A plan whose columns are named as SQL sees them, with a unique name for each. */
    SqlRelation bind(PlanNode plan, String qualifier) {
        Schema schema = schemaOf.apply(plan);
        List<SqlColumn> columns = new ArrayList<>();
        List<Expr> exprs = new ArrayList<>();
        boolean renamed = false;
        for (Field f : schema.fields()) {
            String internal = names.fresh(f.name());
            columnTypes.put(internal, f.type());
            if (!f.nullable()) {
                nonNull.add(internal);
            }
            columns.add(new SqlColumn(qualifier, f.name(), internal));
            renamed |= !internal.equals(f.name());
            exprs.add(internal.equals(f.name()) ? new Expr.Column(f.name()) : new Expr.Alias(new Expr.Column(f.name()), internal));
        }
        return new SqlRelation(renamed ? new PlanNode.Select(plan, exprs) : plan, columns);
    }

    /** A relation used again (a CTE, a view, a subquery): its columns under fresh names. */
    SqlRelation rebind(SqlRelation r) {
        List<SqlColumn> columns = new ArrayList<>();
        List<Expr> exprs = new ArrayList<>();
        for (SqlColumn c : r.columns()) {
            String internal = names.fresh(c.name());
            DataType t = columnTypes.get(c.internal());
            if (t != null) {
                columnTypes.put(internal, t);
            }
            if (nonNull.contains(c.internal())) {
                nonNull.add(internal);
            }
            columns.add(new SqlColumn(c.qualifier(), c.name(), internal));
            exprs.add(new Expr.Alias(new Expr.Column(c.internal()), internal));
        }
        return new SqlRelation(new PlanNode.Select(r.plan(), exprs), columns);
    }

    /** {@code alias (a, b, c)}: the relation's columns under new SQL names, as many as it has. */
    private static SqlRelation renamed(SqlRelation r, SqlNodeList names, String what) {
        if (names.size() != r.columns().size()) {
            throw new PolaroidException(ErrorCode.INVALID_PLAN, what + " names " + names.size() + " columns but has "
                    + r.columns().size());
        }
        List<SqlColumn> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            SqlColumn c = r.columns().get(i);
            out.add(new SqlColumn(c.qualifier(), ((SqlIdentifier) names.get(i)).getSimple(), c.internal()));
        }
        return new SqlRelation(r.plan(), out);
    }

    SqlParameters parameters() {
        return parameters;
    }

    /** The estimated rows of a plan without SQL. */
    double rows(PlanNode plan) {
        return rowsOf.applyAsDouble(plan);
    }

    /**
     * Whether {@code e} can never be null: a column no null is in, a literal, or arithmetic of
     * such (division aside: it can be).
     */
    boolean neverNull(Expr e) {
        if (e instanceof Expr.Column c) {
            return nonNull.contains(c.name());
        }
        if (e instanceof Expr.Literal l) {
            return l.value() != null;
        }
        if (e instanceof Expr.Call c && java.util.Set.of(FunctionNames.ADD, FunctionNames.SUB, FunctionNames.MUL,
                FunctionNames.NEG).contains(c.function())) {
            return c.args().stream().allMatch(this::neverNull);
        }
        return false;
    }

    Map<String, DataType> columnTypes() {
        return columnTypes;
    }

    Schema schemaOf(PlanNode plan) {
        return schemaOf.apply(plan);
    }

    /** A subquery handler for places where subqueries cannot stand. */
    static SqlSubqueries noSubqueries() {
        return new SqlSubqueries() {
            @Override
            public Expr scalar(SqlNode query, ExprTranslator outer) {
                throw PolaroidException.notSupported("a subquery here: " + query);
            }

            @Override
            public Expr exists(SqlNode query, ExprTranslator outer) {
                throw PolaroidException.notSupported("EXISTS here");
            }

            @Override
            public Expr in(SqlNode value, SqlNode query, boolean negated, ExprTranslator outer) {
                throw PolaroidException.notSupported("IN (subquery) here");
            }

            @Override
            public Expr precomputed(Expr value) {
                throw PolaroidException.notSupported("a window function here");
            }
        };
    }

    /** The AND-ed parts of a condition. */
    static List<SqlNode> conjuncts(SqlNode condition) {
        List<SqlNode> out = new ArrayList<>();
        if (condition == null) {
            return out;
        }
        if (condition.getKind() == SqlKind.AND) {
            for (SqlNode n : ((SqlCall) condition).getOperandList()) {
                out.addAll(conjuncts(n));
            }
        } else {
            out.add(condition);
        }
        return out;
    }

    /** Column names an expression reads. */
    static java.util.Set<String> columnsOf(Expr e) {
        java.util.Set<String> out = new java.util.HashSet<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expr e, java.util.Set<String> out) {
        if (e instanceof Expr.Column c) {
            out.add(c.name());
        } else if (e instanceof Expr.Alias a) {
            collect(a.expr(), out);
        } else if (e instanceof Expr.Cast c) {
            collect(c.expr(), out);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> collect(a, out));
        } else if (e instanceof Expr.When w) {
            for (Expr.Branch b : w.branches()) {
                collect(b.condition(), out);
                collect(b.then(), out);
            }
            if (w.otherwise() != null) {
                collect(w.otherwise(), out);
            }
        } else if (e instanceof Expr.Window w) {
            collect(w.expr(), out);
            w.partitionBy().forEach(p -> collect(p, out));
            w.orderBy().forEach(k -> collect(k.expr(), out));
        }
    }

    static Expr and(List<Expr> parts) {
        Expr out = null;
        for (Expr p : parts) {
            out = out == null ? p : new Expr.Call(FunctionNames.AND, List.of(out, p));
        }
        return out;
    }

    /** A join that keeps both sides' key columns: keys wrapped so that the engine does not drop them. */
    static PlanNode join(PlanNode left, PlanNode right, List<Expr> leftOn, List<Expr> rightOn, JoinType how) {
        return new PlanNode.Join(left, right, keep(leftOn), keep(rightOn), how, null);
    }

    private static List<Expr> keep(List<Expr> keys) {
        List<Expr> out = new ArrayList<>();
        for (Expr k : keys) {
            out.add(k instanceof Expr.Column c ? new Expr.Alias(c, c.name()) : k);
        }
        return out;
    }

    static PlanNode distinct(PlanNode plan) {
        return new PlanNode.Unique(plan, List.of(), UniqueKeep.ANY, false);
    }

    /** Correlated conjuncts of a subquery, collected instead of applied. */
    static final class Correlation {
        final List<Expr> innerKeys = new ArrayList<>();
        final List<Expr> outerKeys = new ArrayList<>();
        final List<Expr> residual = new ArrayList<>();
        /** The names of the subquery's key columns, once its grouping made them columns. */
        final List<String> keyColumns = new ArrayList<>();
        /** The subquery aggregated (grouped by its keys, if any). */
        boolean aggregated;
        /** The subquery has exactly one row: an aggregate without GROUP BY or HAVING, uncorrelated. */
        boolean oneRow;
        /**
         * For a grouped subquery: the outer query's FROM item that holds the given outer columns (with
         * its filters), or null; its keys narrow the rows the subquery groups.
         */
        Function<java.util.Set<String>, PlanNode> keySource;

        boolean isEmpty() {
            return innerKeys.isEmpty() && residual.isEmpty();
        }
    }

    static boolean isSubquery(SqlNode n) {
        return n instanceof SqlSelect || n.getKind() == SqlKind.ORDER_BY || n.getKind() == SqlKind.UNION
                || n.getKind() == SqlKind.WITH || n.getKind() == SqlKind.INTERSECT || n.getKind() == SqlKind.EXCEPT;
    }

    static SqlNode unwrapNot(SqlNode n) {
        return n instanceof SqlBasicCall c && c.getKind() == SqlKind.NOT ? c.operand(0) : null;
    }
}
