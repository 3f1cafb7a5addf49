package io.polaroid.engine.distributed;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.io.DataSource;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.Statistics;
import io.polaroid.engine.types.Schema;
import java.util.List;

/**
 * The share of a source that one task of a stage reads: of the source's morsels (a Parquet row
 * group, a CSV file...), task {@code task} of {@code tasks} takes a contiguous run, so that the
 * tasks together read every morsel once and, in task order, in data order.
 */
public record SplitSource(DataSource source, int task, int tasks) implements DataSource {
    public SplitSource {
        if (task < 0 || task >= tasks) {
            throw new IllegalArgumentException("task " + task + " of " + tasks);
        }
    }

    @Override
    public Schema schema() {
        return source.schema();
    }

    @Override
    public String describe() {
        return source.describe() + " split " + (task + 1) + "/" + tasks;
    }

    @Override
    public Statistics statistics() {
        return source.statistics();
    }

    @Override
    public List<Morsel> morsels(List<String> columns, List<BoundExpr> filters) {
        List<Morsel> all = source.morsels(columns, filters);
        return all.subList(start(all.size(), task, tasks), start(all.size(), task + 1, tasks));
    }

    static int start(int morsels, int task, int tasks) {
        return (int) ((long) morsels * task / tasks);
    }
}
