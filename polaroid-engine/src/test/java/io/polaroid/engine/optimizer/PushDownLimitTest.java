package io.polaroid.engine.optimizer;

import static io.polaroid.engine.optimizer.RuleFixture.assertRewrite;
import static io.polaroid.engine.optimizer.RuleFixture.filter;
import static io.polaroid.engine.optimizer.RuleFixture.orders;
import static io.polaroid.engine.optimizer.RuleFixture.select;

import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.optimizer.rules.PushDownLimit;
import org.junit.jupiter.api.Test;

class PushDownLimitTest {
    @Test
    void throughAProjectionIntoTheScan() {
        assertRewrite(new PushDownLimit(), new PlanNode.Slice(select(orders(), "id", "amount"), 0, 5L), """
                Project [id, amount]
                  Limit offset=0 fetch=5
                    Scan parquet [$DIR/orders.parquet] limit=5
                """);
    }

    @Test
    void anOffsetIsReadToo() {
        assertRewrite(new PushDownLimit(), new PlanNode.Slice(orders(), 7, 3L), """
                Limit offset=7 fetch=3
                  Scan parquet [$DIR/orders.parquet] limit=10
                """);
    }

    @Test
    void notPastAFilter() {
        assertRewrite(new PushDownLimit(), new PlanNode.Slice(filter(orders(), "cust = 3"), 0, 5L), """
                Limit offset=0 fetch=5
                  Filter (cust == 3)
                    Scan parquet [$DIR/orders.parquet]
                """);
    }
}
