package io.polaroid.engine.distributed;

import io.polaroid.engine.io.DataSource;

/**
 * A data source that every task of its stage reads whole: the small build side of a join that
 * each task reads for itself, where a stage of its own would broadcast it. A stage is a round
 * trip to a worker and back before the join can start; reading a few hundred thousand rows again
 * in each task costs less.
 */
public record ReplicatedSource(DataSource source) implements ForwardingSource {
    @Override
    public String describe() {
        return source.describe() + " read whole by every task";
    }

    @Override
    public String toString() {
        return describe();
    }
}
