package io.polaroid.engine.distributed;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.io.DataSource;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.Statistics;
import io.polaroid.engine.types.Schema;
import java.util.List;

/**
 * A data source that says how a stage's tasks share another source's morsels and is otherwise
 * that source: its schema, statistics and morsels are the wrapped source's.
 */
interface ForwardingSource extends DataSource {
    DataSource source();

    @Override
    default Schema schema() {
        return source().schema();
    }

    @Override
    default Statistics statistics() {
        return source().statistics();
    }

    @Override
    default List<Morsel> morsels(List<String> columns, List<BoundExpr> filters) {
        return source().morsels(columns, filters);
    }
}
