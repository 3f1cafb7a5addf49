package io.polaroid.engine.io.filter;

import java.util.function.LongPredicate;

/**
 * A runtime filter: the keys of a hash join's build side, which a scan on its probe side uses to
 * drop rows that cannot match before it decodes their other columns. The planner makes one per
 * inner or semi join whose probe key is a column of a scan below it (through projections and
 * filters); the join publishes the keys
 * ({@link io.polaroid.engine.io.ScanContext#publishJoinKeys}) once its build side
 * is built, before the probe starts, and each run of the plan has its own. A reader that cannot
 * use it, or finds nothing published (the build side went to disk), keeps every row: the join
 * still drops the rows that do not match.
 */
public final class JoinKeyFilter {
    private final String column;

    /** @param column the scan's column the join's probe key is (an integer, date or time column) */
    public JoinKeyFilter(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    /**
     * The membership test a join published for this filter in {@code ctx}: false only for a key
     * the build side does not hold (a few absent keys may pass). Null when nothing was published.
     */
    public LongPredicate keys(io.polaroid.engine.io.ScanContext ctx) {
        return ctx.joinKeys(this);
    }

    @Override
    public String toString() {
        return column;
    }
}
