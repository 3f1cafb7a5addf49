package io.polaroid.engine.exec;

import io.polaroid.engine.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Draining batch streams. */
public final class Streams {
    private Streams() {
    }

    /** Passes every batch of partition {@code partition} of {@code node} to {@code sink}, closing each after. */
    public static void forEach(ExecNode node, int partition, TaskContext ctx, Consumer<Batch> sink) {
        try (BatchStream stream = ctx.execute(node, partition)) {
            Batch batch;
            while ((batch = stream.next()) != null) {
                try {
                    sink.accept(batch);
                } finally {
                    batch.close();
                }
                ctx.checkCancelled();
            }
        }
    }

    /** Passes every batch of partition {@code partition} of {@code node} to {@code sink}, which owns it from then on. */
    public static void forEachOwned(ExecNode node, int partition, TaskContext ctx, Consumer<Batch> sink) {
        try (BatchStream stream = ctx.execute(node, partition)) {
            Batch batch;
            while ((batch = stream.next()) != null) {
                sink.accept(batch);
                ctx.checkCancelled();
            }
        }
    }

    /** Every batch of one partition, owned by the caller; closes what it collected if reading fails. */
    public static List<Batch> collect(ExecNode node, int partition, TaskContext ctx) {
        List<Batch> out = new ArrayList<>();
        try (BatchStream stream = ctx.execute(node, partition)) {
            Batch batch;
            while ((batch = stream.next()) != null) {
                out.add(batch);
                ctx.checkCancelled();
            }
            return out;
        } catch (RuntimeException | Error e) {
            Batch.closeAll(out);
            throw e;
        }
    }

    /** A stream over batches already produced; closes those not taken. */
    public static BatchStream of(List<Batch> batches) {
        return new BatchStream() {
            private int next;

            @Override
            public Batch next() {
                if (next < batches.size()) {
                    Batch b = batches.get(next);
                    batches.set(next++, null);
                    return b;
                }
                return null;
            }

            @Override
            public void close() {
                for (int i = next; i < batches.size(); i++) {
                    if (batches.get(i) != null) {
                        batches.get(i).close();
                    }
                }
            }
        };
    }
}
