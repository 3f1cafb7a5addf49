package io.polaroid.engine.distributed;

import io.polaroid.engine.expr.AggCall;
import io.polaroid.engine.expr.AggFn;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.plan.GroupOrder;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.AggregateNode;
import io.polaroid.engine.plan.NamedAgg;
import io.polaroid.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an aggregation into a partial aggregate, run by every task on its rows, and a final one
 * that combines the partial results of each group after they were shuffled together: sums, counts
 * and lengths add up, minimums and maximums combine, a mean is a sum and a count divided at the
 * end. Aggregates that do not combine this way (median, n_unique, first...) are not split.
 */
final class AggregateSplit {
    private AggregateSplit() {
    }

    static boolean splittable(AggregateNode a) {
        if (a.order() != GroupOrder.ANY) {
            return false;
        }
        for (NamedAgg agg : a.aggs()) {
            switch (agg.call().fn()) {
                case SUM, MIN, MAX, COUNT, LEN, MEAN -> {
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /** The aggregate each task runs: the keys, then the partial columns {@code __p0, __p1, ...}. */
    static AggregateNode partial(AggregateNode a, LogicalPlan input) {
        List<NamedAgg> partials = new ArrayList<>();
        for (NamedAgg agg : a.aggs()) {
            AggCall call = agg.call();
            String name = "__p" + partials.size();
            switch (call.fn()) {
                case MEAN -> {
                    partials.add(new NamedAgg(name, sumOf(widened(call.arg()))));
                    partials.add(new NamedAgg("__p" + partials.size(), new AggCall(AggFn.COUNT, call.arg(), DataType.INT64)));
                }
                default -> partials.add(new NamedAgg(name, call));
            }
        }
        return new AggregateNode(input, a.keys(), partials, GroupOrder.ANY);
    }

    /** The aggregate over the shuffled partial rows, with the original's output columns. */
    static LogicalPlan combine(AggregateNode original, LogicalPlan partialRows) {
        List<NamedExpr> keys = new ArrayList<>();
        List<NamedExpr> outputs = new ArrayList<>();
        for (NamedExpr k : original.keys()) {
            BoundExpr ref = new BoundExpr.ColumnRef(k.name(), k.expr().type());
            keys.add(new NamedExpr(k.name(), ref));
            outputs.add(new NamedExpr(k.name(), ref));
        }
        List<NamedAgg> finals = new ArrayList<>();
        boolean needsProjection = false;
        int p = 0;
        for (NamedAgg agg : original.aggs()) {
            AggCall call = agg.call();
            BoundExpr partial = column(partialRows, "__p" + p++);
            switch (call.fn()) {
                case MEAN -> {
                    BoundExpr count = column(partialRows, "__p" + p++);
                    String sum = "__s" + finals.size();
                    finals.add(new NamedAgg(sum, new AggCall(AggFn.SUM, partial, partial.type())));
                    String n = "__s" + finals.size();
                    finals.add(new NamedAgg(n, new AggCall(AggFn.SUM, count, DataType.INT64)));
                    BoundExpr mean = mean(new BoundExpr.ColumnRef(sum, partial.type()), new BoundExpr.ColumnRef(n, DataType.INT64));
                    outputs.add(new NamedExpr(agg.name(), call.type().kind() == io.polaroid.engine.types.TypeKind.FLOAT32
                            ? new BoundExpr.Cast(mean, call.type(), false) : mean));
                    needsProjection = true;
                }
                case MIN, MAX -> finals.add(named(agg.name(), new AggCall(call.fn(), partial, call.type()), outputs));
                default -> finals.add(named(agg.name(), new AggCall(AggFn.SUM, partial, call.type()), outputs));
            }
        }
        AggregateNode combined = new AggregateNode(partialRows, keys, finals, GroupOrder.ANY);
        return needsProjection ? new LogicalPlan.ProjectNode(combined, outputs) : combined;
    }

    private static NamedAgg named(String name, AggCall call, List<NamedExpr> outputs) {
        outputs.add(new NamedExpr(name, new BoundExpr.ColumnRef(name, call.type())));
        return new NamedAgg(name, call);
    }

    /** A mean's sum is kept wide: Int64 of integers, Float64 of floats (an Int32 or Float32 sum would wrap or round). */
    private static BoundExpr widened(BoundExpr arg) {
        return switch (arg.type().kind()) {
            case BOOL, INT8, INT16, INT32 -> new BoundExpr.Cast(arg, DataType.INT64, false);
            case FLOAT32 -> new BoundExpr.Cast(arg, DataType.FLOAT64, false);
            default -> arg;
        };
    }

    private static AggCall sumOf(BoundExpr arg) {
        DataType t = arg.type();
        DataType sum = switch (t.kind()) {
            case FLOAT64 -> DataType.FLOAT64;
            case DECIMAL -> DataType.decimal(DataType.MAX_DECIMAL_PRECISION, t.scale());
            default -> DataType.INT64;
        };
        return new AggCall(AggFn.SUM, arg, sum);
    }

    /** {@code sum / count} as a double, null for a group with no values (as a mean of nothing is). */
    private static BoundExpr mean(BoundExpr sum, BoundExpr count) {
        BoundExpr asDouble = new BoundExpr.Cast(sum, DataType.FLOAT64, false);
        BoundExpr n = new BoundExpr.Cast(count, DataType.FLOAT64, false);
        BoundExpr empty = new BoundExpr.Call(ScalarFn.EQ, List.of(count, new BoundExpr.Literal(0L, DataType.INT64)), DataType.BOOL);
        BoundExpr divided = new BoundExpr.Call(ScalarFn.DIV, List.of(asDouble, n), DataType.FLOAT64);
        return new BoundExpr.Case(List.of(empty), List.of(new BoundExpr.Literal(null, DataType.FLOAT64)), divided, DataType.FLOAT64);
    }

    private static BoundExpr column(LogicalPlan plan, String name) {
        return new BoundExpr.ColumnRef(name, plan.schema().field(name).type());
    }
}
