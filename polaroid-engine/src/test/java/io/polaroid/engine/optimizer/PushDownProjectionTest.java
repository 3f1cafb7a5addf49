package io.polaroid.engine.optimizer;

import static io.polaroid.engine.optimizer.RuleFixture.assertRewrite;
import static io.polaroid.engine.optimizer.RuleFixture.customers;
import static io.polaroid.engine.optimizer.RuleFixture.filter;
import static io.polaroid.engine.optimizer.RuleFixture.join;
import static io.polaroid.engine.optimizer.RuleFixture.orders;
import static io.polaroid.engine.optimizer.RuleFixture.select;

import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.optimizer.rules.PushDownProjection;
import org.junit.jupiter.api.Test;

class PushDownProjectionTest {
    @Test
    void theScanReadsOnlyTheColumnsAboveUse() {
        assertRewrite(new PushDownProjection(), select(filter(orders(), "cust = 3"), "amount"), """
                Project [amount]
                  Filter (cust == 3)
                    Scan parquet [$DIR/orders.parquet] columns=[cust, amount]
                """);
    }

    @Test
    void eachSideOfAJoinReadsItsKeysAndWhatIsSelected() {
        assertRewrite(new PushDownProjection(), select(join(orders(), customers(), "cust", "cid", JoinType.INNER),
                "amount", "name"), """
                Project [amount, name]
                  Join INNER on cust = cid (estimated left 234 kB, right 2 kB)
                    Scan parquet [$DIR/orders.parquet] columns=[cust, amount]
                    Scan parquet [$DIR/customers.parquet] columns=[cid, name]
                """);
    }
}
