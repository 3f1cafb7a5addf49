package io.polaroid.engine.exec.agg;

import io.polaroid.engine.expr.AggFn;
import io.polaroid.engine.expr.Quantile;
import io.polaroid.engine.memory.HeapMemory;
import io.polaroid.engine.types.DataType;
import org.apache.arrow.memory.BufferAllocator;

/** Creates the accumulator of an aggregate for its argument type. */
public final class Accumulators {
    private Accumulators() {
    }

    public static Accumulator create(AggFn fn, DataType argType, BufferAllocator allocator, HeapMemory memory) {
        return create(fn, argType, null, null, allocator, memory);
    }

    /** With the quantile of a {@code QUANTILE} and the result type (needed by quantiles). */
    public static Accumulator create(AggFn fn, DataType argType, Quantile quantile, DataType resultType,
                                     BufferAllocator allocator, HeapMemory memory) {
        return switch (fn) {
            case SUM -> new SumAccumulator(argType, false);
            case MEAN -> new SumAccumulator(argType, true);
            case MIN -> new MinMaxAccumulator(argType, false);
            case MAX -> new MinMaxAccumulator(argType, true);
            case COUNT -> new CountAccumulator(false);
            case LEN -> new CountAccumulator(true);
            case N_UNIQUE -> io.polaroid.engine.exec.hash.Lanes.isLongLane(argType)
                    ? new NUniqueLongAccumulator(argType, memory)
                    : new NUniqueAccumulator(argType, allocator, memory);
            case FIRST -> new FirstLastAccumulator(argType, false);
            case LAST -> new FirstLastAccumulator(argType, true);
            case MEDIAN -> new QuantileAccumulator(argType, Quantile.MEDIAN, DataType.FLOAT64, memory);
            case QUANTILE -> new QuantileAccumulator(argType, quantile, resultType, memory);
            case STD -> new VarianceAccumulator(argType, true);
            case VAR -> new VarianceAccumulator(argType, false);
            case IMPLODE -> new ImplodeAccumulator(argType, memory);
            case PRODUCT, BITWISE_AND, BITWISE_OR, BITWISE_XOR, ARG_MIN, ARG_MAX, APPROX_QUANTILE ->
                    new ReduceAccumulator(fn, argType, quantile, resultType, memory);
        };
    }
}
