package io.polaroid.engine.optimizer;

import static io.polaroid.engine.optimizer.RuleFixture.apply;
import static io.polaroid.engine.optimizer.RuleFixture.assertRewrite;
import static io.polaroid.engine.optimizer.RuleFixture.customers;
import static io.polaroid.engine.optimizer.RuleFixture.filter;
import static io.polaroid.engine.optimizer.RuleFixture.join;
import static io.polaroid.engine.optimizer.RuleFixture.orders;
import static io.polaroid.engine.optimizer.RuleFixture.resolve;
import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.optimizer.rules.JoinFilteredDimensionFirst;
import io.polaroid.engine.optimizer.rules.PushJoinsBelowSemiJoins;
import io.polaroid.engine.plan.LogicalPlan;
import org.junit.jupiter.api.Test;

/** {@link JoinFilteredDimensionFirst} and {@link PushJoinsBelowSemiJoins}: orders, their customers, and filters on both. */
class JoinOrderRulesTest {
    @Test
    void aFilteredDimensionOfADimensionJoinsItBeforeTheFacts() {
        PlanNode ordersWithCustomers = join(orders(), customers(), "cust", "cid", JoinType.INNER);
        assertRewrite(new JoinFilteredDimensionFirst(),
                join(ordersWithCustomers, filter(orders(), "id < 3"), "region", "id", JoinType.INNER), """
                Project [id, cust, amount, item, name, region, __right_cust AS cust_right, __right_amount AS amount_right, \
                __right_item AS item_right]
                  Project [id, cust, amount, item, name, region, __right_id, __right_cust, __right_amount, __right_item]
                    Join INNER on cust = cid (estimated left 357 kB, right 313 kB)
                      Scan parquet [$DIR/orders.parquet]
                      Join INNER on region = __right_id (estimated left 3 kB, right 182 kB)
                        Scan parquet [$DIR/customers.parquet]
                        Project [id AS __right_id, cust AS __right_cust, amount AS __right_amount, item AS __right_item]
                          Filter (id < 3)
                            Scan parquet [$DIR/orders.parquet]
                """);
    }

    @Test
    void aJoinThatKeepsFewerRowsThanASemiJoinGoesUnderIt() {
        PlanNode bigSpenders = join(orders(), filter(customers(), "cid > 10"), "cust", "cid", JoinType.SEMI);
        assertRewrite(new PushJoinsBelowSemiJoins(),
                join(bigSpenders, filter(customers(), "region = 1"), "cust", "cid", JoinType.INNER), """
                Join LEFT_SEMI on cust = cid (estimated left 86 kB, right 1 kB)
                  Project [id, cust, amount, item, name, region]
                    Join INNER on cust = cid (estimated left 357 kB, right 0 kB)
                      Scan parquet [$DIR/orders.parquet]
                      Filter (region == 1)
                        Scan parquet [$DIR/customers.parquet]
                  Filter (cid > 10)
                    Scan parquet [$DIR/customers.parquet]
                """);
    }

    @Test
    void aSemiJoinThatKeepsFewerRowsStaysFirst() {
        PlanNode fewCustomers = join(orders(), filter(customers(), "cid = 1"), "cust", "cid", JoinType.SEMI);
        LogicalPlan plan = resolve(join(fewCustomers, filter(customers(), "cid > 10"), "cust", "cid", JoinType.INNER));
        assertThat(apply(new PushJoinsBelowSemiJoins(), plan)).isSameAs(plan);
    }

    @Test
    void theMoreSelectiveOfTwoSemiJoinsGoesFirst() {
        PlanNode some = join(orders(), filter(customers(), "cid > 10"), "cust", "cid", JoinType.SEMI);
        assertRewrite(new PushJoinsBelowSemiJoins(), join(some, filter(customers(), "cid = 1"), "cust", "cid", JoinType.SEMI), """
                Join LEFT_SEMI on cust = cid (estimated left 55 kB, right 1 kB)
                  Join LEFT_SEMI on cust = cid (estimated left 357 kB, right 0 kB)
                    Scan parquet [$DIR/orders.parquet]
                    Filter (cid == 1)
                      Scan parquet [$DIR/customers.parquet]
                  Filter (cid > 10)
                    Scan parquet [$DIR/customers.parquet]
                """);
    }
}
