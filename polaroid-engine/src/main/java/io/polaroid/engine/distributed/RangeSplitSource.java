package io.polaroid.engine.distributed;

import io.polaroid.engine.io.DataSource;
import io.polaroid.engine.io.Morsel;
import java.util.List;

/**
 * A data source whose morsels are in key order, split across a stage's tasks by ranges of that
 * key instead of by count: each task reads the morsels that may hold its keys, keeping only its
 * keys when a morsel holds some of a neighbour's too.
 */
public record RangeSplitSource(DataSource source, String column, KeyRanges ranges) implements ForwardingSource {
    @Override
    public String describe() {
        return source.describe() + " split by " + column + " into " + ranges.tasks() + " key ranges";
    }

    /**
     * What each task reads of {@code morsels}, this source's morsels for a scan: their key ranges
     * are read once, then handed out task by task.
     */
    public java.util.function.IntFunction<KeyRanges.Assignment> assignments(List<Morsel> morsels) {
        List<long[]> keys = KeyRanges.ordered(morsels, column);
        if (keys == null) {
            throw io.polaroid.engine.error.PolaroidException.internal("the morsels of " + source.describe()
                    + " are no longer in " + column + " order");
        }
        return task -> ranges.assign(morsels, keys, task, column);
    }

    @Override
    public String toString() {
        return describe();
    }
}
