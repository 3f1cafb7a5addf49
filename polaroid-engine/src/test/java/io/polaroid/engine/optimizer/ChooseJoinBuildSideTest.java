package io.polaroid.engine.optimizer;

import static io.polaroid.engine.optimizer.RuleFixture.assertRewrite;
import static io.polaroid.engine.optimizer.RuleFixture.customers;
import static io.polaroid.engine.optimizer.RuleFixture.join;
import static io.polaroid.engine.optimizer.RuleFixture.orders;

import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.optimizer.rules.ChooseJoinBuildSide;
import org.junit.jupiter.api.Test;

class ChooseJoinBuildSideTest {
    @Test
    void theSmallerInputBecomesTheBuildSideAndColumnsKeepTheirOrder() {
        assertRewrite(new ChooseJoinBuildSide(), join(customers(), orders(), "cid", "cust", JoinType.INNER), """
                Project [cid, name, region, id, amount, item]
                  Project [cid, name, region, id, cust, amount, item]
                    Join INNER on cust = cid (estimated left 357 kB, right 3 kB)
                      Scan parquet [$DIR/orders.parquet]
                      Scan parquet [$DIR/customers.parquet]
                """);
    }

    @Test
    void aLeftJoinWithTheLargerSideOnTheLeftStaysAsItIs() {
        assertRewrite(new ChooseJoinBuildSide(), join(orders(), customers(), "cust", "cid", JoinType.LEFT), """
                Project [id, cust, amount, item, name, region]
                  Join LEFT on cust = cid (estimated left 357 kB, right 3 kB)
                    Scan parquet [$DIR/orders.parquet]
                    Scan parquet [$DIR/customers.parquet]
                """);
    }
}
