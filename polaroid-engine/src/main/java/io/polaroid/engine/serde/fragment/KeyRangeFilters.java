package io.polaroid.engine.serde.fragment;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.io.DataSource;
import io.polaroid.engine.optimizer.PlanRewrites;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.plan.LogicalPlan.ScanNode;
import io.polaroid.engine.serde.PlanPath;
import io.polaroid.engine.types.DataType;
import io.polaroid.proto.v1.KeyRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task of a scan split by key ranges whose parts also hold a neighbour's keys keeps only its
 * own: each such scan gets the filter {@code lo <= key < hi}.
 */
final class KeyRangeFilters {
    private KeyRangeFilters() {
    }

    static LogicalPlan add(LogicalPlan plan, Map<DataSource, KeyRange> ranges) {
        return PlanRewrites.transformDown(plan, p -> p instanceof ScanNode s && ranges.containsKey(s.source())
                ? Optional.of(s.withFilters(withRange(s, ranges.get(s.source())))) : Optional.empty()).orElse(plan);
    }

    private static List<BoundExpr> withRange(ScanNode s, KeyRange range) {
        if (!s.source().schema().contains(range.getColumn()) || !s.source().schema().field(range.getColumn()).type().isInteger()) {
            throw ResolvedExprCodec.malformed(PlanPath.of("scans"), "a key range of " + range.getColumn()
                    + ", which is no integer column of " + s.source().describe());
        }
        DataType type = s.source().schema().field(range.getColumn()).type();
        BoundExpr key = new BoundExpr.ColumnRef(range.getColumn(), type);
        List<BoundExpr> filters = new ArrayList<>(s.filters());
        if (range.hasLo()) {
            filters.add(new BoundExpr.Call(ScalarFn.GE, List.of(key, new BoundExpr.Literal(range.getLo(), type)), DataType.BOOL));
        }
        if (range.hasHi()) {
            filters.add(new BoundExpr.Call(ScalarFn.LT, List.of(key, new BoundExpr.Literal(range.getHi(), type)), DataType.BOOL));
        }
        return filters;
    }
}
