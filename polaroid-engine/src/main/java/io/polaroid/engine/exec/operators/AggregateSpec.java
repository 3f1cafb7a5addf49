package io.polaroid.engine.exec.operators;

import io.polaroid.engine.expr.AggFn;
import io.polaroid.engine.expr.Quantile;
import io.polaroid.engine.kernels.PhysicalExpr;
import io.polaroid.engine.types.DataType;

/** One aggregate of a {@link HashAggregateExec}: the function, its compiled argument (null for len), its result type. */
public record AggregateSpec(AggFn fn, PhysicalExpr arg, DataType type, Quantile quantile) {
    public AggregateSpec(AggFn fn, PhysicalExpr arg, DataType type) {
        this(fn, arg, type, null);
    }

    public DataType argType() {
        return arg == null ? DataType.INT64 : arg.type();
    }

    @Override
    public String toString() {
        return fn.wireName() + "(" + (arg == null ? "" : arg) + ")";
    }
}
