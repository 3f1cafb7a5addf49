package io.polaroid.engine.optimizer;

import static io.polaroid.engine.optimizer.RuleFixture.assertRewrite;
import static io.polaroid.engine.optimizer.RuleFixture.customers;
import static io.polaroid.engine.optimizer.RuleFixture.filter;
import static io.polaroid.engine.optimizer.RuleFixture.join;
import static io.polaroid.engine.optimizer.RuleFixture.orders;

import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.optimizer.rules.DeriveFiltersFromDisjunctions;
import org.junit.jupiter.api.Test;

class DeriveFiltersFromDisjunctionsTest {
    @Test
    void eachColumnGetsTheDisjunctionOfItsOwnConditions() {
        assertRewrite(new DeriveFiltersFromDisjunctions(), filter(join(orders(), customers(), "cust", "cid", JoinType.INNER),
                "(region = 1 and amount > 100) or (region = 2 and amount < 50)"), """
                Filter (((((region == 1) and (amount > 100.0::decimal[21,1])) or ((region == 2) and (amount < 50.0::decimal[21,1]))) and ((region == 1) or (region == 2))) and ((amount > 100.0::decimal[21,1]) or (amount < 50.0::decimal[21,1])))
                  Project [id, cust, amount, item, name, region]
                    Join INNER on cust = cid (estimated left 357 kB, right 3 kB)
                      Scan parquet [$DIR/orders.parquet]
                      Scan parquet [$DIR/customers.parquet]
                """);
    }
}
