package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.ExecNode;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.spill.SpillFile;
import io.polaroid.engine.vector.Batch;
import java.util.List;
import java.util.function.Consumer;

/**
 * Input rows on disk, one spill file per hash bucket of their grouping keys: what an aggregation
 * could not keep in memory, read back one bucket at a time.
 */
final class BucketedSpill implements AutoCloseable {
    private final SpillFile[] files;
    private final TaskContext ctx;
    private final ExecNode owner;
    private final String label;

    /** {@code owner}: the operator whose rows these are, {@code label} names its files. */
    BucketedSpill(int buckets, TaskContext ctx, ExecNode owner, String label) {
        this.files = new SpillFile[buckets];
        this.ctx = ctx;
        this.owner = owner;
        this.label = label;
    }

    /** Writes each row of {@code batch} (which stays the caller's) to the file of its bucket. */
    void add(Batch batch, int[] bucketOfRow) {
        int n = batch.rowCount();
        int[] counts = new int[files.length + 1];
        for (int i = 0; i < n; i++) {
            counts[bucketOfRow[i] + 1]++;
        }
        for (int b = 0; b < files.length; b++) {
            counts[b + 1] += counts[b];
        }
        int[] fill = java.util.Arrays.copyOf(counts, files.length);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[fill[bucketOfRow[i]]++] = i;
        }
        for (int b = 0; b < files.length; b++) {
            int count = counts[b + 1] - counts[b];
            if (count == 0) {
                continue;
            }
            int[] mine = java.util.Arrays.copyOfRange(rows, counts[b], counts[b + 1]);
            if (files[b] == null) {
                files[b] = ctx.spillFile(owner, label);
            }
            try (Batch part = Selection.take(batch, mine, count, ctx.allocator())) {
                files[b].write(part);
            }
        }
    }

    /** Ends the writing. */
    void finish() {
        for (SpillFile f : files) {
            if (f != null) {
                f.finish();
            }
        }
    }

    /** Hands each batch of bucket {@code b} to {@code sink}, then closes it. */
    void forEach(int b, Consumer<Batch> sink) {
        forEachOwned(b, batch -> {
            try (batch) {
                sink.accept(batch);
            }
        });
    }

    /** Moves every batch of bucket {@code b} into {@code out}, which owns them from then on. */
    void takeAll(int b, List<Batch> out) {
        forEachOwned(b, out::add);
    }

    /** The batches of bucket {@code b}, read as they are asked for. */
    SpillFile.Reader reader(int b) {
        return files[b] == null ? null : files[b].read(ctx.allocator());
    }

    private void forEachOwned(int b, Consumer<Batch> sink) {
        if (files[b] == null) {
            return;
        }
        try (SpillFile.Reader reader = files[b].read(ctx.allocator())) {
            for (Batch batch = reader.next(); batch != null; batch = reader.next()) {
                sink.accept(batch);
                ctx.checkCancelled();
            }
        }
    }

    @Override
    public void close() {
        for (SpillFile f : files) {
            if (f != null) {
                f.close();
            }
        }
    }
}
