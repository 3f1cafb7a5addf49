package io.polaroid.engine.io;

import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.types.Schema;
import java.util.List;

/**
 * Something a scan reads: files of one format, or rows held in the plan. A source splits itself
 * into {@link Morsel}s (a Parquet row group, a CSV file, an IPC batch range) that threads pick up
 * one at a time, and that a cluster hands out as tasks.
 */
public interface DataSource {
    Schema schema();

    /** One line for plans: format and paths. */
    String describe();

    /** What is known of the size before reading, for the optimizer. */
    Statistics statistics();

    /**
     * The morsels that may hold rows matching all {@code filters}, in data order, reading
     * {@code columns}. Filters are only used to skip whole morsels (by their statistics); the scan
     * still evaluates them on every row.
     */
    List<Morsel> morsels(List<String> columns, List<BoundExpr> filters);
}
