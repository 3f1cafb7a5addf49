package io.polaroid;

import io.polaroid.engine.dsl.PlanNode;
import java.util.ArrayList;
import java.util.List;

/** {@code frame.groupBy(keys)} waiting for its aggregations: {@code .agg(col("x").sum(), len())}. */
public final class GroupBy {
    private final LazyFrame frame;
    private final List<io.polaroid.engine.dsl.Expr> keys;
    private final boolean maintainOrder;

    GroupBy(LazyFrame frame, List<io.polaroid.engine.dsl.Expr> keys, boolean maintainOrder) {
        this.frame = frame;
        this.keys = keys;
        this.maintainOrder = maintainOrder;
    }

    /** One row per group: the keys, then one column per aggregation. */
    public LazyFrame agg(Expr... aggs) {
        List<io.polaroid.engine.dsl.Expr> nodes = new ArrayList<>();
        for (Expr a : aggs) {
            nodes.add(a.node());
        }
        return frame.with(new PlanNode.Aggregate(frame.plan(), keys, nodes, maintainOrder));
    }

    public LazyFrame agg(List<Expr> aggs) {
        return agg(aggs.toArray(Expr[]::new));
    }

    /** Rows per group, in a column named {@code len}. */
    public LazyFrame len() {
        return agg(Functions.len());
    }
}
