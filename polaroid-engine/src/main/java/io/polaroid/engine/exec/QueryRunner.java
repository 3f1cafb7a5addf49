package io.polaroid.engine.exec;

import java.util.List;

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
}
