package io.polaroid.engine.optimizer;

import static io.polaroid.engine.optimizer.RuleFixture.assertRewrite;
import static io.polaroid.engine.optimizer.RuleFixture.filter;
import static io.polaroid.engine.optimizer.RuleFixture.orders;
import static io.polaroid.engine.optimizer.RuleFixture.select;

import io.polaroid.engine.optimizer.rules.FoldConstants;
import org.junit.jupiter.api.Test;

class FoldConstantsTest {
    @Test
    void arithmeticOnLiteralsAndTrueConjunctsFold() {
        assertRewrite(new FoldConstants(), filter(orders(), "amount > 2 * 3 + 4 and 1 = 1"), """
                Filter (amount > 10.0::decimal[21,1])
                  Scan parquet [$DIR/orders.parquet]
                """);
    }

    @Test
    void aColumnExpressionKeepsItsColumnsAndFoldsItsLiterals() {
        assertRewrite(new FoldConstants(), select(orders(), "id + (1 + 2) as x"), """
                Project [(id + 3) AS x]
                  Scan parquet [$DIR/orders.parquet]
                """);
    }
}
