package io.polaroid.engine.optimizer;

import static io.polaroid.engine.optimizer.RuleFixture.filter;
import static io.polaroid.engine.optimizer.RuleFixture.optimize;
import static io.polaroid.engine.optimizer.RuleFixture.orders;
import static io.polaroid.engine.optimizer.RuleFixture.resolve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.polaroid.engine.plan.LogicalPlan;
import org.junit.jupiter.api.Test;

/** Row estimates of filtered Parquet scans (orders: ids 0 to 9,999 in row groups of 2,048). */
class CardinalityTest {
    private static double scanRows(String predicate) {
        LogicalPlan plan = optimize(resolve(filter(orders(), predicate)));
        while (!(plan instanceof LogicalPlan.ScanNode)) {
            plan = plan.children().get(0);
        }
        return Cardinality.rows(plan);
    }

    @Test
    void aRangeOfAColumnCountsItsShareOfTheRowGroupsMinToMax() {
        assertThat(scanRows("id >= 100 and id <= 199")).isCloseTo(100, within(15.0));
        assertThat(scanRows("id < 500")).isCloseTo(500, within(50.0));
        assertThat(scanRows("200 > id")).as("a literal on the left").isCloseTo(200, within(30.0));
        assertThat(scanRows("id > 20000")).as("past every row group's max").isZero();
    }

    @Test
    void equalityAndColumnsWithoutARangeKeepTheTextbookSelectivities() {
        assertThat(scanRows("id = 7")).isCloseTo(1000, within(1.0));
        assertThat(scanRows("item < 'item5'")).isCloseTo(10000 / 3.0, within(1.0));
    }

    @Test
    void anEqualityOnAColumnStoredWithADictionaryCountsItsDistinctValues() {
        // item has 13 values: a 4-bit index per row tells of about 16
        assertThat(scanRows("item = 'item3'")).isBetween(10000 / 13.0 / 2, 10000 / 13.0 * 2);
        assertThat(scanRows("item in ('item3', 'item4')")).isBetween(10000 / 13.0, 10000 / 13.0 * 4);
        assertThat(scanRows("id < 500 and item = 'item3'")).as("with a range").isBetween(500 / 13.0 / 2, 500 / 13.0 * 2);
    }

    @Test
    void aLongerStringPatternKeepsFewerRows() {
        assertThat(scanRows("item like 'i%'")).as("one character: a quarter").isCloseTo(2500, within(1.0));
        assertThat(scanRows("item like '%e%m%1%'")).as("three: an eighth").isCloseTo(1250, within(1.0));
        assertThat(scanRows("item like 'item1%'")).as("five: a sixteenth").isCloseTo(625, within(1.0));
        assertThat(scanRows("item like '%%item10 of 13 items%'")).as("at least 1%").isCloseTo(100, within(1.0));
    }
}
