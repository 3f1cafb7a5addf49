package io.polaroid.engine.kernels;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.types.Casts;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Values;
import io.polaroid.engine.vector.Vectors;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * The functions of {@code ListMoreFunctions}, one row at a time as {@link ListExpr}: the row's lists
 * (and values, for {@code concat_list}) are read as Java values, the function applied, the result
 * written back. A null list gives null. {@code inputs} are the list arguments ({@link #inputs}
 * says how many a call has), {@code params} the literal parameters the binder checked.
 */
public record ListMoreExpr(ScalarFn fn, List<PhysicalExpr> inputs, List<Object> params, DataType type)
        implements PhysicalExpr {

    /** How many of a call's {@code args} are evaluated inputs; the rest are literal parameters. */
    public static int inputs(ScalarFn fn, int args) {
        return switch (fn) {
            case CONCAT_LIST -> args;
            case LIST_SET_UNION, LIST_SET_INTERSECTION, LIST_SET_DIFFERENCE, LIST_SET_SYMMETRIC_DIFFERENCE,
                 LIST_GATHER -> 2;
            default -> 1;
        };
    }

    @Override
    public FieldVector eval(Batch batch, BufferAllocator allocator) {
        int n = batch.rowCount();
        List<FieldVector> in = new ArrayList<>(inputs.size());
        try {
            for (PhysicalExpr input : inputs) {
                in.add(input.eval(batch, allocator));
            }
            FieldVector out = Vectors.allocate(type, "", n, allocator);
            try {
                Object[] row = new Object[inputs.size()];
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < row.length; k++) {
                        row[k] = Values.get(in.get(k), i, inputs.get(k).type());
                    }
                    Object value = apply(row);
                    if (value == null && !type.isList() && !type.kind().isVarBytes()) {
                        BitVectorHelper.unsetBit(out.getValidityBuffer(), i);
                    } else {
                        Values.set(out, i, value, type);
                    }
                }
                out.setValueCount(n);
                return out;
            } catch (RuntimeException | Error e) {
                out.close();
                throw e;
            }
        } finally {
            in.forEach(FieldVector::close);
        }
    }

    private Object apply(Object[] row) {
        if (fn == ScalarFn.CONCAT_LIST) {
            return concat(row);
        }
        for (Object v : row) {
            if (v == null) {
                return null;
            }
        }
        List<?> list = (List<?>) row[0];
        DataType element = inputs.get(0).type().element();
        return switch (fn) {
            case LIST_ALL, LIST_ANY -> logic(list, fn == ScalarFn.LIST_ALL, (Boolean) params.get(0));
            case LIST_ARG_MAX, LIST_ARG_MIN -> position(list, fn == ScalarFn.LIST_ARG_MAX, element.kind() == TypeKind.UTF8);
            case LIST_COUNT_MATCHES -> (long) list.stream().filter(v -> same(v, params.get(0))).count();
            case LIST_DIFF -> diff(list, element, (Long) params.get(0), (Boolean) params.get(1));
            case LIST_DROP_NULLS -> list.stream().filter(Objects::nonNull).toList();
            case LIST_GATHER -> gather(list, (List<?>) row[1], (Boolean) params.get(0));
            case LIST_GATHER_EVERY -> {
                List<Object> out = new ArrayList<>();
                for (long i = (Long) params.get(1); i < list.size(); i += (Long) params.get(0)) {
                    out.add(list.get((int) i));
                }
                yield out;
            }
            case LIST_ITEM -> item(list, (Boolean) params.get(0));
            case LIST_MEDIAN -> narrow(element.kind() == TypeKind.BOOL ? null : median(doubles(list)));
            case LIST_STD, LIST_VAR -> {
                Double var = element.kind() == TypeKind.BOOL ? null : variance(doubles(list), (Long) params.get(0));
                yield narrow(var == null || fn == ScalarFn.LIST_VAR ? var : Double.valueOf(Math.sqrt(var)));
            }
            case LIST_SHIFT -> {
                long by = (Long) params.get(0);
                List<Object> out = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    long from = i - by;
                    out.add(from >= 0 && from < list.size() ? list.get((int) from) : null);
                }
                yield out;
            }
            case LIST_SET_UNION, LIST_SET_INTERSECTION, LIST_SET_DIFFERENCE, LIST_SET_SYMMETRIC_DIFFERENCE -> set(
                    converted(list, element), converted((List<?>) row[1], inputs.get(1).type().element()));
            default -> throw PolaroidException.internal("not a list function: " + fn);
        };
    }

    /** Kleene {@code all}/{@code any}: nulls are skipped when {@code ignoreNulls}, else unknown. */
    private static Boolean logic(List<?> list, boolean all, boolean ignoreNulls) {
        boolean sawNull = false;
        for (Object v : list) {
            if (v == null) {
                sawNull = true;
            } else if ((Boolean) v != all) {
                return !all;
            }
        }
        return sawNull && !ignoreNulls ? null : all;
    }

    /**
     * The position of the largest (smallest) value, as Polars: nulls skipped, NaN only when there is
     * nothing else, the first of equal values (the last for the largest string, as Polars does).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Long position(List<?> list, boolean max, boolean lastOfEqual) {
        int best = -1;
        int firstNaN = -1;
        for (int i = 0; i < list.size(); i++) {
            Object v = list.get(i);
            if (v == null) {
                continue;
            }
            if (v instanceof Double d && d.isNaN()) {
                firstNaN = firstNaN < 0 ? i : firstNaN;
                continue;
            }
            if (best < 0) {
                best = i;
                continue;
            }
            int c = ((Comparable) v).compareTo(list.get(best));
            if (max ? c > 0 || c == 0 && lastOfEqual : c < 0) {
                best = i;
            }
        }
        return best >= 0 ? (Long) (long) best : firstNaN >= 0 ? (Long) (long) firstNaN : null;
    }

    /** Equality of two values of one type; null equals null and NaN NaN (as Polars counts them). */
    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    private static List<Object> diff(List<?> list, DataType element, long n, boolean drop) {
        List<Object> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            long j = i - n;
            Object a = list.get(i);
            Object b = j >= 0 && j < list.size() ? list.get((int) j) : null;
            out.add(a == null || b == null ? null : subtract(a, b, element));
        }
        if (!drop) {
            return out;
        }
        int cut = (int) Math.min(Math.abs(n), out.size());
        return n >= 0 ? out.subList(cut, out.size()) : out.subList(0, out.size() - cut);
    }

    private static Object subtract(Object a, Object b, DataType element) {
        if (a instanceof BigDecimal x) {
            return x.subtract((BigDecimal) b).setScale(element.scale());
        }
        if (a instanceof Double x) {
            return element.kind() == TypeKind.FLOAT32 ? (double) (float) (x - (Double) b) : x - (Double) b;
        }
        return (Long) a - (Long) b;
    }

    private static List<Object> gather(List<?> list, List<?> indices, boolean nullOnOob) {
        List<Object> out = new ArrayList<>(indices.size());
        for (Object index : indices) {
            if (index == null) {
                out.add(null);
                continue;
            }
            long i = (Long) index;
            long at = i < 0 ? list.size() + i : i;
            if (at >= 0 && at < list.size()) {
                out.add(list.get((int) at));
            } else if (nullOnOob) {
                out.add(null);
            } else {
                throw new PolaroidException(ErrorCode.INVALID_VALUE, "list.gather: index " + i
                        + " is out of bounds for a list of " + list.size() + " values; pass null_on_oob=True to get null instead");
            }
        }
        return out;
    }

    private static Object item(List<?> list, boolean allowEmpty) {
        if (list.size() == 1 || list.isEmpty() && allowEmpty) {
            return list.isEmpty() ? null : list.get(0);
        }
        throw new PolaroidException(ErrorCode.INVALID_VALUE, "list.item: expected a single value, got "
                + (list.isEmpty() ? "none (pass allow_empty=True to get null instead)" : list.size() + " values"));
    }

    private static double[] doubles(List<?> list) {
        return list.stream().filter(Objects::nonNull)
                .mapToDouble(v -> v instanceof BigDecimal d ? d.doubleValue() : ((Number) v).doubleValue()).toArray();
    }

    /** The middle value, or the mean of the two middle values; NaN sorts last. */
    private static Double median(double[] values) {
        if (values.length == 0) {
            return null;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The variance with {@code ddof} delta degrees of freedom; null when there are not more values than ddof. */
    private static Double variance(double[] values, long ddof) {
        if (values.length - ddof <= 0) {
            return null;
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return squares / (values.length - ddof);
    }

    /** A statistic rounded to f32 when the result is f32. */
    private Double narrow(Double value) {
        return value == null || type.kind() != TypeKind.FLOAT32 ? value : Double.valueOf(value.floatValue());
    }

    /** The values of a list of {@code from} as values of the result's element type. */
    private List<?> converted(List<?> list, DataType from) {
        DataType to = type.element();
        if (from.equals(to)) {
            return list;
        }
        List<Object> out = new ArrayList<>(list.size());
        for (Object v : list) {
            out.add(Casts.convert(v, from, to, true));
        }
        return out;
    }

    private List<Object> set(List<?> a, List<?> b) {
        Set<Object> left = new LinkedHashSet<>(a);
        Set<Object> right = new LinkedHashSet<>(b);
        List<Object> out = new ArrayList<>();
        switch (fn) {
            case LIST_SET_UNION -> {
                left.addAll(right);
                out.addAll(left);
            }
            case LIST_SET_INTERSECTION -> left.stream().filter(right::contains).forEach(out::add);
            case LIST_SET_DIFFERENCE -> left.stream().filter(v -> !right.contains(v)).forEach(out::add);
            default -> {
                left.stream().filter(v -> !right.contains(v)).forEach(out::add);
                right.stream().filter(v -> !left.contains(v)).forEach(out::add);
            }
        }
        return out;
    }

    /** concat_list: the lists and values of the row joined (a value is a list of one); null if a list is null. */
    private List<Object> concat(Object[] row) {
        List<Object> out = new ArrayList<>();
        for (int k = 0; k < row.length; k++) {
            DataType t = inputs.get(k).type();
            if (t.isList()) {
                if (row[k] == null) {
                    return null;
                }
                out.addAll(converted((List<?>) row[k], t.element()));
            } else {
                out.addAll(converted(Collections.singletonList(row[k]), t));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(fn.symbol()).append('(');
        for (int k = 0; k < inputs.size(); k++) {
            sb.append(k == 0 ? "" : ", ").append(inputs.get(k));
        }
        for (Object p : params) {
            sb.append(", ").append(p);
        }
        return sb.append(')').toString();
    }
}
