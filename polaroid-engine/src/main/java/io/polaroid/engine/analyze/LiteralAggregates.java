package io.polaroid.engine.analyze;

import io.polaroid.engine.expr.AggCall;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.Exprs;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.functions.TypeCoercion;
import io.polaroid.engine.types.DataType;
import java.util.List;

/**
 * An aggregation of literals alone, as Polars computes it: such a value is one value, not a column
 * as long as the group, so {@code lit(2).count()} is 1 and {@code lit(2).sum()} is 2 in every group
 * (a null counts 0 and sums to 0). The result is an expression of the literals; no accumulator runs.
 */
final class LiteralAggregates {
    private LiteralAggregates() {
    }

    /** The value of {@code agg} when its argument reads no column, or null (then it aggregates rows). */
    static BoundExpr constant(AggCall agg) {
        BoundExpr x = agg.arg();
        if (x == null || !Exprs.columns(x).isEmpty()) {
            return null;
        }
        BoundExpr isNull = new BoundExpr.Call(ScalarFn.IS_NULL, List.of(x), DataType.BOOL);
        return switch (agg.fn()) {
            case COUNT -> new BoundExpr.Case(List.of(isNull), List.of(new BoundExpr.Literal(0L, DataType.INT64)),
                    new BoundExpr.Literal(1L, DataType.INT64), DataType.INT64);
            case N_UNIQUE -> new BoundExpr.Literal(1L, DataType.INT64);
            case SUM -> new BoundExpr.Case(List.of(isNull), List.of(TypeCoercion.castTo(new BoundExpr.Literal(0L, DataType.INT64),
                    agg.type())), TypeCoercion.castTo(x, agg.type()), agg.type());
            case MIN, MAX, FIRST, LAST, MEAN, MEDIAN -> TypeCoercion.castTo(x, agg.type());
            case STD, VAR -> new BoundExpr.Literal(null, agg.type());
            default -> null;
        };
    }
}
