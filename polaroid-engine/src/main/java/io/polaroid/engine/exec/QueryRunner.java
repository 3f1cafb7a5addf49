package io.polaroid.engine.exec;

import io.polaroid.engine.vector.Batch;
import java.util.List;
import java.util.function.Consumer;

/** Runs every partition of a plan on the context's threads and gathers the batches in data order. */
public final class QueryRunner {
    private QueryRunner() {
    }

    public static BatchList collect(ExecNode root, TaskContext ctx) {
        List<BatchList> parts = ParallelJob.runAll(root.partitions(), p -> {
            BatchList batches = new BatchList();
            try {
                batches.addAll(Streams.collect(root, p, ctx));
                return batches;
            } catch (RuntimeException | Error e) {
                batches.close();
                throw e;
            }
        }, ctx);
        BatchList all = new BatchList();
        parts.forEach(all::addAll);
        all.sortBySeq();
        return all;
    }

    /**
     * Runs every partition of a plan like {@link #collect}, but hands each batch to {@code sink} as
     * soon as it is next in data order, instead of holding the whole result: the sink owns each
     * batch it gets, and may block to slow the run down.
     */
    public static void stream(ExecNode root, TaskContext ctx, Consumer<Batch> sink) {
        int partitions = root.partitions();
        try (SeqOrderedMerge merge = new SeqOrderedMerge(partitions, sink)) {
            ParallelJob.runAll(partitions, p -> {
                Streams.forEachOwned(root, p, ctx, b -> merge.add(p, b));
                merge.end(p);
                return null;
            }, ctx);
        }
    }
}
