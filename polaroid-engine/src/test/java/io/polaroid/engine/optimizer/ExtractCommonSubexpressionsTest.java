package io.polaroid.engine.optimizer;

import static io.polaroid.engine.optimizer.RuleFixture.assertRewrite;
import static io.polaroid.engine.optimizer.RuleFixture.exprs;
import static io.polaroid.engine.optimizer.RuleFixture.orders;

import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.optimizer.rules.ExtractCommonSubexpressions;
import org.junit.jupiter.api.Test;

class ExtractCommonSubexpressionsTest {
    @Test
    void anExpressionTwoAggregatesShareIsComputedOnce() {
        assertRewrite(new ExtractCommonSubexpressions(), new PlanNode.Aggregate(orders(), exprs("cust"),
                exprs("sum(amount * (1 - id)) as s", "mean(amount * (1 - id)) as m"), false), """
                Aggregate keys=[cust] aggs=[sum(__cse0) AS s, mean(__cse0) AS m]
                  Project [id, cust, amount, item, (amount * cast((1 - id) AS decimal[19,0])) AS __cse0]
                    Scan parquet [$DIR/orders.parquet]
                """);
    }
}
