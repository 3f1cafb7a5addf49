package io.polaroid.engine.distributed;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.io.DataSource;
import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.io.Statistics;
import io.polaroid.engine.types.Schema;
import java.util.List;

/**
 * The output of another stage, as a scan source of the stage that consumes it. In a plan it is a
 * placeholder; a worker replaces it, for one task, with the partitions that task
 * reads ({@link #bind}).
 */
public record ExchangeSource(int stageId, Schema schema, Statistics statistics, List<Morsel> inputs)
        implements DataSource {

    public static ExchangeSource unbound(int stageId, Schema schema, Statistics estimate) {
        return new ExchangeSource(stageId, schema, estimate, null);
    }

    public ExchangeSource bind(List<Morsel> partitions) {
        return new ExchangeSource(stageId, schema, statistics, List.copyOf(partitions));
    }

    @Override
    public String describe() {
        return "exchange from stage " + stageId;
    }

    @Override
    public List<Morsel> morsels(List<String> columns, List<BoundExpr> filters) {
        if (inputs == null) {
            throw PolaroidException.internal("the exchange from stage " + stageId + " was not bound to its inputs");
        }
        return inputs;
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
