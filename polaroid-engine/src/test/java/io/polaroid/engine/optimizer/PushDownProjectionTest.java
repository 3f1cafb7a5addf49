package io.polaroid.engine.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static io.polaroid.engine.optimizer.RuleFixture.assertRewrite;
import static io.polaroid.engine.optimizer.RuleFixture.customers;
import static io.polaroid.engine.optimizer.RuleFixture.exprs;
import static io.polaroid.engine.optimizer.RuleFixture.filter;
import static io.polaroid.engine.optimizer.RuleFixture.join;
import static io.polaroid.engine.optimizer.RuleFixture.orders;
import static io.polaroid.engine.optimizer.RuleFixture.rowsScanned;
import static io.polaroid.engine.optimizer.RuleFixture.select;
import static io.polaroid.engine.optimizer.RuleFixture.optimize;
import static io.polaroid.engine.optimizer.RuleFixture.resolve;
import static io.polaroid.engine.optimizer.RuleFixture.rows;

import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.plan.LogicalPlan;
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

    /**
     * TPC-H Q17's shape: a join used twice, once aggregated and joined back, each place needing other
     * columns. Both places read the columns of both, so that they are one subtree that runs once.
     */
    @Test
    void aJoinUsedInTwoPlacesReadsWhatBothNeedAndRunsOnce() {
        PlanNode parts = join(filter(customers(), "region = 1"), orders(), "cid", "cust", JoinType.INNER);
        PlanNode threshold = new PlanNode.Aggregate(parts, exprs("cid"), exprs("mean(amount) as avg_amount"), false);
        PlanNode query = select(filter(join(parts, threshold, "cid", "cid", JoinType.INNER), "amount < avg_amount"),
                "sum(id) as total");
        assertRewrite(new PushDownProjection(), query, """
                Aggregate keys=[] aggs=[sum(id) AS total]
                  Filter (cast(amount AS f64) < avg_amount)
                    Project [id, amount, avg_amount]
                      Join INNER on cid = __right_cid (estimated left 31 kB, right 4 kB)
                        Project [cid, id, amount]
                          Join INNER on cid = cust (estimated left 0 kB, right 313 kB)
                            Filter (region == 1)
                              Scan parquet [$DIR/customers.parquet] columns=[cid, region]
                            Scan parquet [$DIR/orders.parquet] columns=[id, cust, amount]
                        Project [cid AS __right_cid, avg_amount]
                          Aggregate keys=[cid] aggs=[mean(amount) AS avg_amount]
                            Project [cid, amount]
                              Join INNER on cid = cust (estimated left 0 kB, right 313 kB)
                                Filter (region == 1)
                                  Scan parquet [$DIR/customers.parquet] columns=[cid, region]
                                Scan parquet [$DIR/orders.parquet] columns=[id, cust, amount]
                """);
        // optimized and run: orders (10,000 rows) and customers (100) are each read once
        assertThat(rowsScanned(query)).isEqualTo(10_000 + 100);
    }

    /** Under a projection that computes, the shared join's places settle: every rule then leaves the plan as it is. */
    @Test
    void aPlanWithSharedJoinsUnderComputingProjectionsSettles() {
        PlanNode parts = join(filter(customers(), "region = 1"), orders(), "cid", "cust", JoinType.INNER);
        PlanNode threshold = new PlanNode.Aggregate(parts, exprs("cid"), exprs("mean(amount) as avg_amount"), false);
        PlanNode query = select(join(select(parts, "cid", "amount * 2 as twice", "id"), threshold, "cid", "cid",
                JoinType.INNER), "id", "twice", "avg_amount");
        LogicalPlan optimized = optimize(resolve(query));
        for (OptimizerRule rule : Rules.defaults()) {
            assertThat(rule.apply(optimized)).as(rule.name()).isEmpty();
        }
        assertThat(io.polaroid.engine.testing.Rows.difference(rows(resolve(query)), rows(optimized), false)).isNull();
        assertThat(rowsScanned(query)).as("orders read once").isEqualTo(10_000 + 100);
    }
}
