package io.polaroid.engine.testing;

import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Scalars;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Values;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Rows of results as lists of Java values, and comparison of two results the way the oracle
 * tests need it: decimals exactly, floats within a relative tolerance, integers whatever their
 * width, in order or as multisets.
 */
public final class Rows {
    public static final double RELATIVE_TOLERANCE = 1e-9;

    private Rows() {
    }

    public static List<List<Object>> of(List<Batch> batches) {
        List<List<Object>> rows = new ArrayList<>();
        for (Batch b : batches) {
            for (int i = 0; i < b.rowCount(); i++) {
                List<Object> row = new ArrayList<>(b.columnCount());
                for (int c = 0; c < b.columnCount(); c++) {
                    DataType t = b.schema().field(c).type();
                    row.add(Scalars.toJava(Values.get(b.column(c), i, t), t));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Null when the rows agree; otherwise a description of the first difference. */
    public static String difference(List<List<Object>> expected, List<List<Object>> actual, boolean ordered) {
        if (expected.size() != actual.size()) {
            return "expected " + expected.size() + " rows, got " + actual.size() + "\nexpected head: "
                    + head(expected) + "\nactual head:   " + head(actual);
        }
        List<List<Object>> e = expected;
        List<List<Object>> a = actual;
        if (!ordered) {
            e = sorted(expected);
            a = sorted(actual);
        }
        for (int r = 0; r < e.size(); r++) {
            List<Object> er = e.get(r);
            List<Object> ar = a.get(r);
            if (er.size() != ar.size()) {
                return "row " + r + ": expected " + er.size() + " columns, got " + ar.size();
            }
            for (int c = 0; c < er.size(); c++) {
                if (!same(er.get(c), ar.get(c))) {
                    return "row " + r + " column " + c + ": expected " + er.get(c) + " ("
                            + (er.get(c) == null ? "null" : er.get(c).getClass().getSimpleName()) + "), got "
                            + ar.get(c) + " (" + (ar.get(c) == null ? "null" : ar.get(c).getClass().getSimpleName())
                            + ")\nexpected row: " + er + "\nactual row:   " + ar;
                }
            }
        }
        return null;
    }

    private static String head(List<List<Object>> rows) {
        return rows.subList(0, Math.min(5, rows.size())).toString();
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(Rows::sortKey));
        return copy;
    }

    private static String sortKey(List<Object> row) {
        StringBuilder sb = new StringBuilder();
        for (Object v : row) {
            sb.append(canonical(v)).append('\u0001');
        }
        return sb.toString();
    }

    private static String canonical(Object v) {
        if (v == null) {
            return "\u0000null";
        }
        if (v instanceof Double || v instanceof Float) {
            return String.format(java.util.Locale.ROOT, "%.6e", ((Number) v).doubleValue());
        }
        if (v instanceof Number n && !(v instanceof BigDecimal)) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (Object e : list) {
                sb.append(canonical(e)).append(',');
            }
            return sb.append(']').toString();
        }
        return v.toString();
    }

    static boolean same(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof Number e && actual instanceof Number a) {
            boolean eFloat = e instanceof Double || e instanceof Float;
            boolean aFloat = a instanceof Double || a instanceof Float;
            if (eFloat || aFloat) {
                double x = e.doubleValue();
                double y = a.doubleValue();
                if (Double.isNaN(x) || Double.isNaN(y)) {
                    return Double.isNaN(x) && Double.isNaN(y);
                }
                return Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y)) || x == y;
            }
            return new BigDecimal(e.toString()).compareTo(new BigDecimal(a.toString())) == 0;
        }
        if (expected instanceof List<?> e && actual instanceof List<?> a) {
            if (e.size() != a.size()) {
                return false;
            }
            for (int i = 0; i < e.size(); i++) {
                if (!same(e.get(i), a.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof java.sql.Timestamp t) {
            return Objects.equals(t.toLocalDateTime(), actual);
        }
        return Objects.equals(expected, actual);
    }
}
