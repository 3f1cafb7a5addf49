package io.polaroid.engine.exec.agg;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.AggFn;
import io.polaroid.engine.expr.Quantile;
import io.polaroid.engine.memory.HeapMemory;
import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Values;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * The number aggregations that reduce each group's values in row order, as Polars, nulls skipped:
 * {@code product} (1 for no values; integers wrap in an i64), {@code bitwise_and/or/xor} (null
 * for no values), {@code arg_min/arg_max} (the position in the group of the first smallest or
 * largest value, NaN only when every value is NaN) and {@code approx_quantile} (exactly the
 * nearest quantile, NaN sorted last, in the type of the values). The values are gathered as
 * {@code implode} gathers them, so partial states of several threads keep the row order.
 */
final class ReduceAccumulator implements Accumulator {
    private final AggFn fn;
    private final DataType inputType;
    private final Quantile quantile;
    private final DataType resultType;
    private final ImplodeAccumulator values;

    ReduceAccumulator(AggFn fn, DataType inputType, Quantile quantile, DataType resultType, HeapMemory memory) {
        this.fn = fn;
        this.inputType = inputType;
        this.quantile = quantile;
        this.resultType = resultType;
        this.values = new ImplodeAccumulator(inputType, memory);
    }

    @Override
    public void resize(int groups) {
        values.resize(groups);
    }

    @Override
    public void update(int[] groupIds, int n, FieldVector input, long seq) {
        values.update(groupIds, n, input, seq);
    }

    @Override
    public void merge(Accumulator other, int from, int to) {
        values.merge(((ReduceAccumulator) other).values, from, to);
    }

    @Override
    public void mergeGroups(Accumulator other, int[] groups, int from, int to, int[] map, int part) {
        values.mergeGroups(((ReduceAccumulator) other).values, groups, from, to, map, part);
    }

    @Override
    public FieldVector finish(int[] ids, int count, String name, BufferAllocator allocator) {
        DataType listType = DataType.list(inputType);
        try (FieldVector lists = values.finish(ids, count, name, allocator)) {
            FieldVector out = ArrowTypes.newVector(name, resultType, allocator);
            try {
                out.setInitialCapacity(count);
                out.allocateNew();
                for (int j = 0; j < count; j++) {
                    Object value = reduce((List<?>) Values.get(lists, j, listType));
                    if (value == null) {
                        out.setNull(j);
                    } else {
                        Values.set(out, j, value, resultType);
                    }
                }
                out.setValueCount(count);
                return out;
            } catch (RuntimeException | Error e) {
                out.close();
                throw e;
            }
        }
    }

    /** The result of one group's values (nulls among them), null for none. */
    Object reduce(List<?> group) {
        return switch (fn) {
            case PRODUCT -> product(group);
            case BITWISE_AND, BITWISE_OR, BITWISE_XOR -> bitwise(group);
            case ARG_MIN -> position(group, false);
            case ARG_MAX -> position(group, true);
            case APPROX_QUANTILE -> nearestQuantile(group);
            default -> throw PolaroidException.internal(fn + " is not a reduction");
        };
    }

    private Object product(List<?> group) {
        if (resultType.isFloat()) {
            double p = 1.0;
            for (Object v : group) {
                if (v != null) {
                    p *= ((Number) v).doubleValue();
                }
            }
            return p;
        }
        long p = 1;
        for (Object v : group) {
            if (v != null) {
                p *= v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).longValue();
            }
        }
        return p;
    }

    private Object bitwise(List<?> group) {
        Long acc = null;
        for (Object v : group) {
            if (v == null) {
                continue;
            }
            long x = v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).longValue();
            acc = acc == null ? x : switch (fn) {
                case BITWISE_AND -> acc & x;
                case BITWISE_OR -> acc | x;
                default -> acc ^ x;
            };
        }
        if (acc == null) {
            return null;
        }
        return inputType.kind() == TypeKind.BOOL ? (Object) (acc != 0) : acc;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object position(List<?> group, boolean largest) {
        int best = -1;
        int firstNan = -1;
        for (int i = 0; i < group.size(); i++) {
            Object v = group.get(i);
            if (v == null) {
                continue;
            }
            if (v instanceof Double d && d.isNaN()) {
                firstNan = firstNan < 0 ? i : firstNan;
                continue;
            }
            if (best < 0) {
                best = i;
                continue;
            }
            Object b = group.get(best);
            int c = v instanceof Double x ? (x < (Double) b ? -1 : x > (Double) b ? 1 : 0) : ((Comparable) v).compareTo(b);
            if (largest ? c > 0 : c < 0) {
                best = i;
            }
        }
        int at = best >= 0 ? best : firstNan;
        return at < 0 ? null : (Object) (long) at;
    }

    private Object nearestQuantile(List<?> group) {
        List<Object> present = new ArrayList<>();
        for (Object v : group) {
            if (v != null) {
                present.add(v);
            }
        }
        if (present.isEmpty()) {
            return null;
        }
        present.sort((a, b) -> a instanceof Double x ? Double.compare(x, (Double) b) : Long.compare((Long) a, (Long) b));
        return present.get((int) Math.round(quantile.q() * (present.size() - 1)));
    }

    @Override
    public int bytesPerGroup() {
        return values.bytesPerGroup();
    }
}
