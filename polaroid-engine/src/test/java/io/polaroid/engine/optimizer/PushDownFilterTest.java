package io.polaroid.engine.optimizer;

import static io.polaroid.engine.optimizer.RuleFixture.assertRewrite;
import static io.polaroid.engine.optimizer.RuleFixture.customers;
import static io.polaroid.engine.optimizer.RuleFixture.filter;
import static io.polaroid.engine.optimizer.RuleFixture.join;
import static io.polaroid.engine.optimizer.RuleFixture.orders;
import static io.polaroid.engine.optimizer.RuleFixture.select;

import static org.assertj.core.api.Assertions.assertThat;

import io.polaroid.engine.dsl.JoinType;
import io.polaroid.engine.optimizer.rules.PushDownFilter;
import org.junit.jupiter.api.Test;

class PushDownFilterTest {
    @Test
    void throughAProjectionIntoTheScan() {
        assertRewrite(new PushDownFilter(), filter(select(orders(), "id", "amount"), "amount > 10"), """
                Project [id, amount]
                  Scan parquet [$DIR/orders.parquet] filters=[(amount > 10.0::decimal[21,1])]
                """);
    }

    @Test
    void intoEachSideOfAnInnerJoinKeepingWhatNeedsBoth() {
        assertRewrite(new PushDownFilter(), filter(join(orders(), customers(), "cust", "cid", JoinType.INNER),
                "region = 1 and amount > 100 and amount > region"), """
                Project [id, cust, amount, item, name, region]
                  Filter (amount > cast(region AS decimal[21,1]))
                    Join INNER on cust = cid (estimated left 333 kB, right 0 kB)
                      Scan parquet [$DIR/orders.parquet] filters=[(amount > 100.0::decimal[21,1])]
                      Scan parquet [$DIR/customers.parquet] filters=[(region == 1)]
                """);
    }

    @Test
    void aScanFilterSkipsRowGroupsByTheirMinMaxStatistics() {
        // orders is sorted by id in row groups of 2,048 rows (the last has 1,808)
        assertThat(RuleFixture.rowsScanned(filter(orders(), "id < 1500"))).isEqualTo(2048);
        assertThat(RuleFixture.rowsScanned(filter(orders(), "id >= 9990 or id = 3"))).isEqualTo(2048 + 1808);
        assertThat(RuleFixture.rowsScanned(filter(orders(), "cust = 3"))).isEqualTo(10_000);
    }

    @Test
    void onlyIntoThePreservedSideOfALeftJoin() {
        assertRewrite(new PushDownFilter(), filter(join(orders(), customers(), "cust", "cid", JoinType.LEFT),
                "region = 1 and amount > 100"), """
                Project [id, cust, amount, item, name, region]
                  Filter (region == 1)
                    Join LEFT on cust = cid (estimated left 333 kB, right 3 kB)
                      Scan parquet [$DIR/orders.parquet] filters=[(amount > 100.0::decimal[21,1])]
                      Scan parquet [$DIR/customers.parquet]
                """);
    }
}
