package io.polaroid.engine.optimizer;

import static io.polaroid.engine.optimizer.RuleFixture.assertRewrite;
import static io.polaroid.engine.optimizer.RuleFixture.orders;
import static io.polaroid.engine.optimizer.RuleFixture.select;

import io.polaroid.engine.optimizer.rules.MergeProjections;
import org.junit.jupiter.api.Test;

class MergeProjectionsTest {
    @Test
    void anOuterProjectionAbsorbsTheInnerOne() {
        assertRewrite(new MergeProjections(), select(select(orders(), "id", "amount * 2 as a2"), "a2 + 1 as a3"), """
                Project [((amount * 2::decimal[1,0]) + 1.0::decimal[2,1]) AS a3]
                  Scan parquet [$DIR/orders.parquet]
                """);
    }
}
