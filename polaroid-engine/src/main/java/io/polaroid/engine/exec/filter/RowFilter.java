package io.polaroid.engine.exec.filter;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.Exprs;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.functions.ExprCompiler;
import io.polaroid.engine.io.filter.RangeTest;
import io.polaroid.engine.io.filter.RowPredicate;
import io.polaroid.engine.kernels.PhysicalExpr;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Bits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;

/**
 * A compiled filter predicate. Conjuncts that compare a column with a literal become range checks,
 * one per column ({@code d >= a AND d < b} is one pass), run first and one after the other on the
 * rows still selected; the remaining conjuncts are evaluated as an expression. Most filters
 * select few rows after their first checks, so later checks touch few rows.
 */
public final class RowFilter implements RowPredicate {
    private final List<RangeCheck> ranges;
    private final PhysicalExpr residual;
    private final BoundExpr predicate;

    private RowFilter(List<RangeCheck> ranges, PhysicalExpr residual, BoundExpr predicate) {
        this.ranges = ranges;
        this.residual = residual;
        this.predicate = predicate;
    }

    public static RowFilter compile(BoundExpr predicate, Schema input) {
        Map<String, RangeCheck> byColumn = new LinkedHashMap<>();
        List<RangeCheck> notEquals = new ArrayList<>();
        List<BoundExpr> rest = new ArrayList<>();
        for (BoundExpr c : Exprs.conjuncts(predicate)) {
            if (!addRange(c, input, byColumn, notEquals)) {
                rest.add(c);
            }
        }
        List<RangeCheck> ranges = new ArrayList<>(byColumn.values());
        ranges.addAll(notEquals);
        PhysicalExpr residual = rest.isEmpty() ? null : new ExprCompiler(input).compile(Exprs.conjoin(rest));
        return new RowFilter(ranges, residual, predicate);
    }

    /** Adds {@code column op literal} (either way round) to the column's range; false when c is not one. */
    private static boolean addRange(BoundExpr c, Schema input, Map<String, RangeCheck> byColumn, List<RangeCheck> notEquals) {
        RangeTest.Comparison comparison = RangeTest.Comparison.of(c);
        if (comparison == null) {
            return false;
        }
        ScalarFn fn = comparison.fn();
        BoundExpr.ColumnRef col = comparison.column();
        BoundExpr.Literal lit = comparison.literal();
        DataType type = col.type();
        boolean integral = RangeTest.applies(type);
        if (!integral && !type.isFloat()) {
            return false;
        }
        int index = input.indexOf(col.name());
        if (fn == ScalarFn.NE) {
            RangeCheck ne = new RangeCheck(index, col.name(), type);
            ne.notEqual = integral ? (Object) RangeTest.literalAsLong(lit.value()) : lit.value();
            if (!integral && ((Double) lit.value()).isNaN()) {
                return false;
            }
            notEquals.add(ne);
            return true;
        }
        RangeCheck r = byColumn.computeIfAbsent(col.name(), n -> new RangeCheck(index, n, type));
        if (integral) {
            RangeTest t = RangeTest.of(c);
            r.low = Math.max(r.low, t.low());
            r.high = Math.min(r.high, t.high());
        } else {
            double v = (Double) lit.value();
            if (Double.isNaN(v)) {
                return false;
            }
            switch (fn) {
                case EQ -> {
                    r.lowD = Math.max(r.lowD, v);
                    r.highD = Math.min(r.highD, v);
                }
                case LT -> r.highD = Math.min(r.highD, Math.nextDown(v));
                case LE -> r.highD = Math.min(r.highD, v);
                case GT -> r.lowD = Math.max(r.lowD, Math.nextUp(v));
                case GE -> r.lowD = Math.max(r.lowD, v);
                default -> throw new IllegalStateException(fn.toString());
            }
        }
        return true;
    }

    /**
     * The rows of {@code batch} that pass, written to {@code out} (at least rowCount long); returns
     * how many. Rows where the predicate is null do not pass.
     */
    @Override
    public int select(Batch batch, BufferAllocator allocator, int[] out) {
        int n = batch.rowCount();
        int count = n;
        boolean all = true;
        for (RangeCheck r : ranges) {
            count = r.select(batch.column(r.column), all ? null : out, count, out);
            all = false;
            if (count == 0) {
                return 0;
            }
        }
        if (residual == null) {
            if (all) {
                for (int i = 0; i < n; i++) {
                    out[i] = i;
                }
            }
            return count;
        }
        try (BitVector mask = (BitVector) residual.eval(batch, allocator)) {
            boolean noNulls = mask.getNullCount() == 0;
            long[] words = new long[Bits.words(n)];
            for (int w = 0; w < words.length; w++) {
                words[w] = Bits.trueWord(mask, noNulls, w, n);
            }
            if (all) {
                return Bits.positions(words, n, out);
            }
            int k = 0;
            for (int j = 0; j < count; j++) {
                int i = out[j];
                out[k] = i;
                k += (int) ((words[i >>> 6] >>> i) & 1);
            }
            return k;
        }
    }

    public BoundExpr predicate() {
        return predicate;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        ranges.forEach(r -> parts.add(r.toString()));
        if (residual != null) {
            parts.add(residual.toString());
        }
        return String.join(" and ", parts);
    }

}
