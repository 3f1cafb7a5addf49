package io.polaroid.engine.optimizer;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The range a conjunction of comparisons puts one column in: {@code low <= column <= high} from
 * filters such as {@code column >= 10} and {@code 20 > column}, with numeric, date or timestamp
 * literals (open bounds count as closed: this is for estimates; equality is left out, since a
 * range says nothing of how many distinct values it holds). {@code filters} are the comparisons it
 * came from.
 */
record ColumnRange(String column, double low, double high, List<BoundExpr> filters) {
    /** The ranges of every column that the top-level comparisons of {@code filters} bound, in order of first mention. */
    static List<ColumnRange> of(List<BoundExpr> filters) {
        Map<String, ColumnRange> ranges = new LinkedHashMap<>();
        for (BoundExpr f : filters) {
            if (!(f instanceof BoundExpr.Call c) || c.args().size() != 2) {
                continue;
            }
            ScalarFn fn = c.fn();
            BoundExpr column = c.args().get(0);
            BoundExpr value = c.args().get(1);
            if (column instanceof BoundExpr.Literal) {
                fn = fn.flip();
                BoundExpr t = column;
                column = value;
                value = t;
            }
            if (!(column instanceof BoundExpr.ColumnRef ref) || !(value instanceof BoundExpr.Literal lit)
                    || !(lit.value() instanceof Number n)) {
                continue;
            }
            double v = n.doubleValue();
            double low = switch (fn) {
                case GT, GE -> v;
                case LT, LE -> Double.NEGATIVE_INFINITY;
                default -> Double.NaN;
            };
            double high = switch (fn) {
                case LT, LE -> v;
                case GT, GE -> Double.POSITIVE_INFINITY;
                default -> Double.NaN;
            };
            if (Double.isNaN(low)) {
                continue;
            }
            ColumnRange old = ranges.get(ref.name());
            List<BoundExpr> from = new ArrayList<>(old == null ? List.of() : old.filters());
            from.add(f);
            ranges.put(ref.name(), old == null ? new ColumnRange(ref.name(), low, high, from)
                    : new ColumnRange(ref.name(), Math.max(low, old.low()), Math.min(high, old.high()), from));
        }
        return List.copyOf(ranges.values());
    }
}
