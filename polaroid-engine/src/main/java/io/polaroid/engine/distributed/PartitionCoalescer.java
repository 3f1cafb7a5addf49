package io.polaroid.engine.distributed;

import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Joins the small batches of a hash-partitioned task output into batches of about
 * {@code targetRows} rows per partition before they are stored and sent. A selective join or
 * filter leaves a few rows of each batch it reads, and the split divides those among the
 * partitions: TPC-H Q17's join of lineitem to its parts made about 180 batches of some 8 rows
 * per partition and task. Every batch costs a message, a reader's vectors and an operator call
 * where it is read. A batch of at least an eighth of the target passes as it is, so that the
 * usual pieces of a shuffle stream on at once; a partition's batches keep their order.
 */
final class PartitionCoalescer implements AutoCloseable {
    /** A batch of fewer rows than the target's this fraction waits to be joined. */
    private static final int SMALL = 8;

    private final StageTaskRunner.PartitionSink sink;
    private final Schema schema;
    private final BufferAllocator allocator;
    private final int targetRows;
    private final List<List<Batch>> pending = new ArrayList<>();
    private final int[] rows;

    PartitionCoalescer(int partitions, Schema schema, BufferAllocator allocator, int targetRows, StageTaskRunner.PartitionSink sink) {
        this.sink = sink;
        this.schema = schema;
        this.allocator = allocator;
        this.targetRows = targetRows;
        this.rows = new int[partitions];
        for (int p = 0; p < partitions; p++) {
            pending.add(new ArrayList<>());
        }
    }

    /** Takes {@code batch} of partition {@code p}, and owns it from then on (even when it throws). */
    synchronized void accept(int p, Batch batch) {
        List<Batch> waiting = pending.get(p);
        if (waiting.isEmpty() && batch.rowCount() >= targetRows / SMALL) {
            sink.accept(p, batch);
            return;
        }
        waiting.add(batch);
        rows[p] += batch.rowCount();
        if (rows[p] >= targetRows) {
            flush(p);
        }
    }

    /** Hands on what every partition still holds: the task's output is complete. */
    synchronized void finish() {
        for (int p = 0; p < pending.size(); p++) {
            flush(p);
        }
    }

    private void flush(int p) {
        List<Batch> waiting = pending.get(p);
        if (waiting.isEmpty()) {
            return;
        }
        Batch joined;
        try {
            joined = waiting.size() == 1 ? waiting.get(0) : Batch.concat(waiting, schema, allocator);
        } catch (RuntimeException | Error e) {
            Batch.closeAll(waiting);
            throw e;
        }
        if (waiting.size() > 1) {
            Batch.closeAll(waiting);
        }
        waiting.clear();
        rows[p] = 0;
        sink.accept(p, joined);
    }

    /** Frees what was never handed on (the task failed). */
    @Override
    public synchronized void close() {
        pending.forEach(Batch::closeAll);
    }
}
