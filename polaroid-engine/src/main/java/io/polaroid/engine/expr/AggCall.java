package io.polaroid.engine.expr;

import io.polaroid.engine.types.DataType;
import java.util.Objects;

/** An aggregate over an argument expression ({@code null} for LEN), with its result type (and a quantile's parameters). */
public record AggCall(AggFn fn, BoundExpr arg, DataType type, Quantile quantile) {
    public AggCall(AggFn fn, BoundExpr arg, DataType type) {
        this(fn, arg, type, null);
    }

    public AggCall {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(type, "type");
        if (arg == null && fn != AggFn.LEN) {
            throw new IllegalArgumentException(fn + " needs an argument");
        }
    }

    public AggCall withArg(BoundExpr newArg) {
        return new AggCall(fn, newArg, type, quantile);
    }

    @Override
    public String toString() {
        return fn.wireName() + "(" + (arg == null ? "" : arg) + (quantile == null ? "" : ", " + quantile) + ")";
    }
}
