package io.polaroid.engine.optimizer;

import static io.polaroid.engine.optimizer.RuleFixture.assertRewrite;
import static io.polaroid.engine.optimizer.RuleFixture.filter;
import static io.polaroid.engine.optimizer.RuleFixture.orders;

import io.polaroid.engine.optimizer.rules.MergeFilters;
import org.junit.jupiter.api.Test;

class MergeFiltersTest {
    @Test
    void stackedFiltersBecomeOneConjunction() {
        assertRewrite(new MergeFilters(), filter(filter(orders(), "amount > 10"), "cust < 5"), """
                Filter ((amount > 10.0::decimal[21,1]) and (cust < 5))
                  Scan parquet [$DIR/orders.parquet]
                """);
    }
}
