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

    /** With the quantile of a {@code QUANTILE} and the result type (Float32 stays Float32, an Int32 sum Int32, as Polars). */
    public static Accumulator create(AggFn fn, DataType argType, Quantile quantile, DataType resultType,
                                     BufferAllocator allocator, HeapMemory memory) {
        return switch (fn) {
            case SUM -> new SumAccumulator(argType, false, resultType);
            case MEAN -> new SumAccumulator(argType, true, resultType);
            case MIN -> new MinMaxAccumulator(argType, false);
            case MAX -> new MinMaxAccumulator(argType, true);
            case COUNT -> new CountAccumulator(false);
            case LEN -> new CountAccumulator(true);
            case N_UNIQUE -> io.polaroid.engine.exec.hash.Lanes.isLongLane(argType)
                    ? new NUniqueLongAccumulator(argType, memory)
                    : new NUniqueAccumulator(argType, allocator, memory);
            case FIRST -> new FirstLastAccumulator(argType, false);
            case LAST -> new FirstLastAccumulator(argType, true);
            case MEDIAN -> new QuantileAccumulator(argType, Quantile.MEDIAN, resultType, memory);
            case QUANTILE -> new QuantileAccumulator(argType, quantile, resultType, memory);
            case STD -> new VarianceAccumulator(argType, true, resultType);
            case VAR -> new VarianceAccumulator(argType, false, resultType);
            case IMPLODE -> new ImplodeAccumulator(argType, memory);
            case PRODUCT, BITWISE_AND, BITWISE_OR, BITWISE_XOR, ARG_MIN, ARG_MAX, APPROX_QUANTILE ->
                    new ReduceAccumulator(fn, argType, quantile, resultType, memory);
        };
    }

    /**
     * {@code sum} of the argument of {@code mean} (an accumulator {@link #create} made for MEAN),
     * read from the mean's state, with the sum's result type.
     */
    public static Accumulator sumBeside(Accumulator mean, DataType sumType) {
        return ((SumAccumulator) mean).sumView(sumType);
    }
}
