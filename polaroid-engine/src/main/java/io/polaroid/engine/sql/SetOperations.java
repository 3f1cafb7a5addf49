package io.polaroid.engine.sql;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlSetOperator;

/**
 * UNION [ALL], INTERSECT and EXCEPT: columns match by position and take the left side's names;
 * UNION ALL is a concatenation, UNION drops duplicates, INTERSECT and EXCEPT are distinct semi
 * and anti joins on every column.
 */
final class SetOperations {
    private SetOperations() {
    }

    static SqlRelation translate(QueryTranslator q, SqlCall call, Scope outer) {
        boolean all = call.getOperator() instanceof SqlSetOperator op && op.isAll();
        SqlRelation left = q.query(call.operand(0), outer);
        SqlRelation right = q.query(call.operand(1), outer);
        if (left.columns().size() != right.columns().size()) {
            throw new PolaroidException(ErrorCode.INVALID_PLAN, call.getKind() + " of queries with " + left.columns().size()
                    + " and " + right.columns().size() + " columns; both sides need as many");
        }
        List<Expr> renamed = new ArrayList<>();
        List<Expr> keys = new ArrayList<>();
        for (int i = 0; i < left.columns().size(); i++) {
            String name = left.columns().get(i).internal();
            renamed.add(new Expr.Alias(new Expr.Column(right.columns().get(i).internal()), name));
            keys.add(new Expr.Column(name));
        }
        PlanNode rightPlan = new PlanNode.Select(right.plan(), renamed);
        PlanNode leftPlan = new PlanNode.Select(left.plan(), keys);
        List<SqlColumn> columns = new ArrayList<>();
        left.columns().forEach(c -> columns.add(new SqlColumn(null, c.name(), c.internal())));
        PlanNode plan;
        if (call.getKind() == SqlKind.UNION) {
            plan = new PlanNode.Union(List.of(leftPlan, rightPlan));
            return new SqlRelation(all ? plan : QueryTranslator.distinct(plan), columns);
        }
        if (all) {
            throw PolaroidException.notSupported(call.getKind() + " ALL");
        }
        JoinType how = call.getKind() == SqlKind.INTERSECT ? JoinType.SEMI : JoinType.ANTI;
        plan = new PlanNode.Join(leftPlan, rightPlan, keys, keys, how, null);
        return new SqlRelation(QueryTranslator.distinct(plan), columns);
    }
}
