package io.polaroid.engine.sql;

import io.polaroid.engine.dsl.Expr;
import org.apache.calcite.sql.SqlNode;

/**
 * Subqueries inside an expression, and values an expression needs computed before it. The query being built turns each into a join with its
 * relation and answers with the column that holds the subquery's value.
 */
interface SqlSubqueries {
    /** A scalar subquery: the column of its one value (null when it has no row). */
    Expr scalar(SqlNode query, ExprTranslator outer);

    /** {@code EXISTS (query)}. */
    Expr exists(SqlNode query, ExprTranslator outer);

    /** {@code value [NOT] IN (query)}. */
    Expr in(SqlNode value, SqlNode query, boolean negated, ExprTranslator outer);

    /** A value computed in a step of its own before the SELECT list (a window inside a window), read by the column returned. */
    Expr precomputed(Expr value);
}
