package io.polaroid.engine.sql;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.PlanInputs;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * Replaces each SQL query in a plan with the plan it means, so that everything after (the
 * analyzer, the optimizer, the cluster's planner) sees only relations. A script runs statement by
 * statement: CREATE VIEW and DROP VIEW change the names the statements after it see, EXPLAIN
 * answers with the plans as text, and the last statement's answer is the query's.
 */
public final class SqlExpansion {
    private final SqlTables catalog;
    private final Function<PlanNode, Schema> schemaOf;
    private final java.util.function.ToDoubleFunction<PlanNode> rowsOf;
    private final Function<PlanNode, String> explain;

    /**
     * {@code schemaOf} analyzes a plan without SQL, {@code rowsOf} estimates its rows (to order
     * joins), {@code explain} prints its plans.
     */
    public SqlExpansion(SqlTables catalog, Function<PlanNode, Schema> schemaOf,
                        java.util.function.ToDoubleFunction<PlanNode> rowsOf, Function<PlanNode, String> explain) {
        this.catalog = catalog;
        Map<PlanNode, Schema> seen = new IdentityHashMap<>();
        this.schemaOf = plan -> seen.computeIfAbsent(plan, schemaOf);
        Map<PlanNode, Double> estimated = new IdentityHashMap<>();
        this.rowsOf = plan -> estimated.computeIfAbsent(plan, rowsOf::applyAsDouble);
        this.explain = explain;
    }

    /** {@code plan} without SQL in it; the very same object when it had none. */
    public PlanNode expand(PlanNode plan) {
        if (plan instanceof PlanNode.Sql sql) {
            return translate(sql, true).plan;
        }
        return PlanInputs.map(plan, this::expand);
    }

    /** The types the placeholders of {@code sql} take where they stand; null where nothing says. */
    public List<DataType> parameterTypes(PlanNode.Sql sql) {
        return translate(sql, false).parameterTypes;
    }

    private record Translated(PlanNode plan, List<DataType> parameterTypes) {
    }

    private Translated translate(PlanNode.Sql sql, boolean bound) {
        Map<String, PlanNode> tables = new LinkedHashMap<>();
        sql.tables().forEach((name, table) -> tables.put(name, expand(table)));
        List<SqlStatements.Statement> statements = SqlStatements.split(sql.query());
        if (statements.isEmpty()) {
            throw new PolaroidException(ErrorCode.PARSE_ERROR, "the SQL text has no statement");
        }
        SqlTableNames names = new SqlTableNames(tables, catalog);
        Map<String, DataType> columnTypes = new HashMap<>();
        SqlParameters parameters = new SqlParameters(bound ? sql.parameters() : null, columnTypes);
        QueryTranslator translator = new QueryTranslator(names, parameters, schemaOf, rowsOf, columnTypes);
        PlanNode result = null;
        for (SqlStatements.Statement s : statements) {
            switch (s.kind()) {
                case CREATE_VIEW -> {
                    SqlRelation view = translator.query(query(s.body()), null);
                    if (!s.columns().isEmpty()) {
                        view = withNames(view, s.columns(), s.name());
                    }
                    names.createView(s.name(), view, s.orReplace());
                    result = response("CREATE VIEW");
                }
                case DROP_VIEW -> {
                    names.dropView(s.name(), s.ifExists());
                    result = response("DROP VIEW");
                }
                case EXPLAIN -> {
                    PlanNode plan = translator.query(query(s.body()), null).output();
                    result = text("explain", explain.apply(plan));
                }
                case QUERY -> result = translator.query(query(s.body()), null).output();
                default -> throw PolaroidException.internal("statement kind " + s.kind());
            }
        }
        parameters.checkAllUsed();
        return new Translated(result, new ArrayList<>(parameters.types()));
    }

    /** A statement's text as a query; other statements are not part of the dialect. */
    private static SqlNode query(String text) {
        SqlNode node = SqlParsing.parse(text);
        SqlKind k = node.getKind();
        if (k == SqlKind.SELECT || k == SqlKind.ORDER_BY || k == SqlKind.UNION || k == SqlKind.INTERSECT
                || k == SqlKind.EXCEPT || k == SqlKind.WITH) {
            return node;
        }
        throw PolaroidException.notSupported("the statement " + k.sql.replace('_', ' ') + "; Polaroid's SQL reads data:"
                + " SELECT (with WITH, UNION, INTERSECT, EXCEPT), CREATE VIEW, DROP VIEW and EXPLAIN");
    }

    private static SqlRelation withNames(SqlRelation r, List<String> columns, String view) {
        if (columns.size() != r.columns().size()) {
            throw new PolaroidException(ErrorCode.INVALID_PLAN, "view " + view + " names " + columns.size()
                    + " columns but its query has " + r.columns().size());
        }
        List<SqlColumn> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            out.add(new SqlColumn(null, columns.get(i), r.columns().get(i).internal()));
        }
        return new SqlRelation(r.plan(), out);
    }

    private static PlanNode response(String what) {
        return text("Response", what);
    }

    private static PlanNode text(String column, String value) {
        return new PlanNode.Select(OneRow.plan(), List.of(new Expr.Alias(Expr.Literal.of(value,
                io.polaroid.engine.types.DataType.UTF8), column)));
    }
}
