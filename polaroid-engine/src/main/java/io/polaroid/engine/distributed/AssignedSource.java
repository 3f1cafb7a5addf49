package io.polaroid.engine.distributed;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.io.DataSource;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.Statistics;
import io.polaroid.engine.types.Schema;
import java.util.List;

/**
 * What one task of a stage reads of a scan: the morsels the coordinator assigned to it, already
 * pruned by the scan's filters. The scan still evaluates its filters on every row.
 */
public final class AssignedSource implements DataSource {
    private final Schema schema;
    private final String describe;
    private final List<Morsel> morsels;

    public AssignedSource(Schema schema, String describe, List<Morsel> morsels) {
        this.schema = schema;
        this.describe = describe;
        this.morsels = List.copyOf(morsels);
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public String describe() {
        return describe + " (" + morsels.size() + (morsels.size() == 1 ? " part)" : " parts)");
    }

    @Override
    public Statistics statistics() {
        long rows = 0;
        for (Morsel m : morsels) {
            if (m.rows() < 0) {
                return Statistics.UNKNOWN;
            }
            rows += m.rows();
        }
        return new Statistics(rows, -1);
    }

    @Override
    public List<Morsel> morsels(List<String> columns, List<BoundExpr> filters) {
        schema.select(columns);
        return morsels;
    }

    @Override
    public String toString() {
        return describe();
    }
}
