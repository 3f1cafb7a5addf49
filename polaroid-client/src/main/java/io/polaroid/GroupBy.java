package io.polaroid;

import io.polaroid.engine.dsl.PlanNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

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

    public LazyFrame sum() {
        return every(Expr::sum);
    }

    public LazyFrame mean() {
        return every(Expr::mean);
    }

    public LazyFrame min() {
        return every(Expr::min);
    }

    public LazyFrame max() {
        return every(Expr::max);
    }

    public LazyFrame median() {
        return every(Expr::median);
    }

    public LazyFrame first() {
        return every(Expr::first);
    }

    public LazyFrame last() {
        return every(Expr::last);
    }

    public LazyFrame nUnique() {
        return every(Expr::nUnique);
    }

    /** Non-null values of every other column per group. */
    public LazyFrame count() {
        return every(Expr::count);
    }

    /** {@code aggregation} of every column that is not a key, as Polars' {@code group_by(...).sum()}. */
    private LazyFrame every(UnaryOperator<Expr> aggregation) {
        Set<String> keyNames = new HashSet<>();
        for (io.polaroid.engine.dsl.Expr k : keys) {
            if (k instanceof io.polaroid.engine.dsl.Expr.Column c) {
                keyNames.add(c.name());
            }
        }
        List<Expr> aggs = new ArrayList<>();
        for (String name : frame.schema().names()) {
            if (!keyNames.contains(name)) {
                aggs.add(aggregation.apply(Functions.col(name)));
            }
        }
        return agg(aggs);
    }
}
