package io.polaroid.engine.kernels;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Values;
import io.polaroid.engine.vector.Vectors;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * The {@code list} namespace, one list at a time: each list is read as Java values, the function
 * applied, the result written back. Simple and exact rather than fast (values are boxed); the
 * semantics are Polars': a null list gives null, an empty one the function's value of nothing
 * (0 for sum, null for min, max and mean), nulls inside are skipped by the aggregates and kept by
 * the others. {@code params} are the literal arguments the binder checked.
 */
public record ListExpr(ScalarFn fn, PhysicalExpr input, List<Object> params, DataType type) implements PhysicalExpr {
    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        try (FieldVector in = input.eval(batch, allocator)) {
            DataType listType = input.type();
            FieldVector out = Vectors.allocate(type, "", n, allocator);
            try {
                for (int i = 0; i < n; i++) {
                    List<?> list = (List<?>) Values.get(in, i, listType);
                    Object value = list == null ? null : apply(list, listType.element());
                    if (type.isList() || type.kind().isVarBytes()) {
                        Values.set(out, i, value, type);
                    } else {
                        setFixed(out, i, value);
                    }
                }
                out.setValueCount(n);
                return out;
            } catch (RuntimeException | Error e) {
                out.close();
                throw e;
            }
        }
    }

    /** Fixed-width vectors are allocated for n rows already; only the value or the null is written. */
    private void setFixed(FieldVector out, int i, Object value) {
        if (value == null) {
            org.apache.arrow.vector.BitVectorHelper.unsetBit(out.getValidityBuffer(), i);
        } else {
            Values.set(out, i, value, type);
        }
    }

    private Object apply(List<?> list, DataType element) {
        return switch (fn) {
            case LIST_LEN -> (long) list.size();
            case LIST_GET -> get(list);
            case LIST_CONTAINS -> contains(list, params.get(0));
            case LIST_SUM -> sum(list);
            case LIST_MIN, LIST_MAX -> extreme(list, fn == ScalarFn.LIST_MAX);
            case LIST_MEAN -> mean(list);
            case LIST_JOIN -> join(list, (String) params.get(0));
            case LIST_UNIQUE -> new ArrayList<>(new LinkedHashSet<>(list));
            case LIST_N_UNIQUE -> (long) new LinkedHashSet<>(list).size();
            case LIST_SORT -> sort(list, (Boolean) params.get(0), (Boolean) params.get(1));
            case LIST_REVERSE -> {
                List<Object> copy = new ArrayList<>(list);
                Collections.reverse(copy);
                yield copy;
            }
            case LIST_SLICE -> slice(list, (Long) params.get(0), (Long) params.get(1));
            default -> throw PolaroidException.internal("not a list function: " + fn);
        };
    }

    private Object get(List<?> list) {
        long index = (Long) params.get(0);
        boolean nullOnOutOfBounds = (Boolean) params.get(1);
        long at = index < 0 ? list.size() + index : index;
        if (at < 0 || at >= list.size()) {
            if (nullOnOutOfBounds) {
                return null;
            }
            throw new PolaroidException(ErrorCode.INVALID_VALUE, "list.get: index " + index + " is out of bounds for a list of "
                    + list.size() + " values; pass null_on_oob=True to get null instead");
        }
        return list.get((int) at);
    }

    private static Boolean contains(List<?> list, Object item) {
        for (Object v : list) {
            if (same(v, item)) {
                return true;
            }
        }
        return false;
    }

    /** Equality across the engine's representations of one type; a null item matches a null value (as Polars). */
    private static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof Double || b instanceof Double) {
            return a instanceof Number x && b instanceof Number y && x.doubleValue() == y.doubleValue();
        }
        return a.equals(b);
    }

    private Object sum(List<?> list) {
        if (type.isFloat()) {
            double s = 0;
            for (Object v : list) {
                s += v == null ? 0 : ((Number) v).doubleValue();
            }
            return s;
        }
        if (type.isDecimal()) {
            BigDecimal s = BigDecimal.ZERO.setScale(type.scale());
            for (Object v : list) {
                s = v == null ? s : s.add((BigDecimal) v);
            }
            return s;
        }
        long s = 0;
        for (Object v : list) {
            s += v == null ? 0 : v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).longValue();
        }
        return s;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object extreme(List<?> list, boolean max) {
        Comparable best = null;
        for (Object v : list) {
            if (v == null || v instanceof Double d && d.isNaN()) {
                continue;
            }
            if (best == null || (max ? best.compareTo(v) < 0 : best.compareTo(v) > 0)) {
                best = (Comparable) v;
            }
        }
        return best;
    }

    private static Object mean(List<?> list) {
        double s = 0;
        int count = 0;
        for (Object v : list) {
            if (v != null) {
                s += v instanceof BigDecimal d ? d.doubleValue() : v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).doubleValue();
                count++;
            }
        }
        return count == 0 ? null : s / count;
    }

    private static String join(List<?> list, String separator) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Object v : list) {
            if (v == null) {
                continue;
            }
            sb.append(first ? "" : separator).append(v);
            first = false;
        }
        return sb.toString();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Object> sort(List<?> list, boolean descending, boolean nullsLast) {
        Comparator<Object> order = (a, b) -> ((Comparable) a).compareTo(b);
        if (descending) {
            order = order.reversed();
        }
        List<Object> copy = new ArrayList<>(list);
        copy.sort(nullsLast ? Comparator.nullsLast(order) : Comparator.nullsFirst(order));
        return copy;
    }

    /** Polars' slice: a negative offset counts from the end, a null length runs to the end. */
    private static List<Object> slice(List<?> list, long offset, Long length) {
        int size = list.size();
        long start = offset < 0 ? Math.max(0, size + offset) : Math.min(offset, size);
        long end = length == null ? size : Math.min(size, start + Math.max(0, length));
        return new ArrayList<>(list.subList((int) start, (int) end));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(fn.toString().toLowerCase(java.util.Locale.ROOT)).append('(').append(input);
        for (Object p : params) {
            sb.append(", ").append(p);
        }
        return sb.append(')').toString();
    }
}
