package io.polaroid.engine.optimizer;

import static io.polaroid.engine.optimizer.RuleFixture.apply;
import static io.polaroid.engine.optimizer.RuleFixture.assertRewrite;
import static io.polaroid.engine.optimizer.RuleFixture.customers;
import static io.polaroid.engine.optimizer.RuleFixture.exprs;
import static io.polaroid.engine.optimizer.RuleFixture.filter;
import static io.polaroid.engine.optimizer.RuleFixture.join;
import static io.polaroid.engine.optimizer.RuleFixture.orders;
import static io.polaroid.engine.optimizer.RuleFixture.resolve;
import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.optimizer.rules.ReduceAggregateInput;
import io.polaroid.engine.plan.LogicalPlan;
import org.junit.jupiter.api.Test;

/** Orders summed by customer, joined with the few customers of one region (through a join). */
class ReduceAggregateInputTest {
    private static PlanNode totals() {
        return new PlanNode.Aggregate(orders(), exprs("cust"), exprs("sum(amount) as total", "len() as n"), false);
    }

    private static PlanNode regionOne() {
        return join(customers(), filter(customers(), "region = 1"), "cid", "cid", JoinType.SEMI);
    }

    @Test
    void theAggregationReadsOnlyTheRowsOfGroupsTheJoinKeeps() {
        assertRewrite(new ReduceAggregateInput(), join(regionOne(), totals(), "cid", "cust", JoinType.INNER), """
                Project [cid, name, region, total, n]
                  Join INNER on cid = cust (estimated left 0 kB, right 8 kB)
                    Join LEFT_SEMI on cid = __right_cid (estimated left 3 kB, right 0 kB)
                      Scan parquet [$DIR/customers.parquet]
                      Project [cid AS __right_cid, name AS __right_name, region AS __right_region]
                        Filter (region == 1)
                          Scan parquet [$DIR/customers.parquet]
                    Aggregate keys=[cust] aggs=[sum(amount) AS total, len() AS n]
                      Join LEFT_SEMI on cust = __reduce_0 (estimated left 357 kB, right 0 kB)
                        Scan parquet [$DIR/orders.parquet]
                        Project [cid AS __reduce_0]
                          Join LEFT_SEMI on cid = __right_cid (estimated left 3 kB, right 0 kB)
                            Scan parquet [$DIR/customers.parquet]
                            Project [cid AS __right_cid, name AS __right_name, region AS __right_region]
                              Filter (region == 1)
                                Scan parquet [$DIR/customers.parquet]
                """);
    }

    @Test
    void groupsTheJoinKeepsWithoutAMatchAreNotDropped() {
        LogicalPlan plan = resolve(join(totals(), regionOne(), "cust", "cid", JoinType.LEFT));
        assertThat(apply(new ReduceAggregateInput(), plan)).isSameAs(plan);
    }

    @Test
    void aSideFilteredOnlyByItsOwnRowsIsNotWorthRunningTwice() {
        LogicalPlan plan = resolve(join(filter(customers(), "region = 1"), totals(), "cid", "cust", JoinType.INNER));
        assertThat(apply(new ReduceAggregateInput(), plan)).isSameAs(plan);
    }
}
