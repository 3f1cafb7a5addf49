package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.exec.Seq;
import io.polaroid.engine.exec.TaskContext;
import io.polaroid.engine.spill.SpillFile;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * The k-way merge of sorted runs on disk, streamed a batch at a time: a heap of the runs, ordered
 * by the keys of each run's next row and then by run (ties come out in run order), gives the next
 * row; each run is read a batch at a time.
 */
final class SortedRunMerge implements BatchStream {
    private final List<SpillFile> runs;
    private final List<SpillFile.Reader> readers = new ArrayList<>();
    private final Batch[] heads;
    private final SortOrder.Keys[] keys;
    private final int[] cursor;
    private final int[] heap;
    private int heapSize = -1;
    private final SortOrder order;
    private final Schema schema;
    private final TaskContext ctx;
    private final int sourceId;
    private int chunk;

    /** Merges {@code runs} (finished, in the order ties keep), which it closes. */
    SortedRunMerge(List<SpillFile> runs, SortOrder order, Schema schema, TaskContext ctx, int sourceId) {
        this.runs = List.copyOf(runs);
        int k = runs.size();
        this.heads = new Batch[k];
        this.keys = new SortOrder.Keys[k];
        this.cursor = new int[k];
        this.heap = new int[k];
        this.order = order;
        this.schema = schema;
        this.ctx = ctx;
        this.sourceId = sourceId;
        try {
            for (SpillFile run : runs) {
                readers.add(run.read(ctx.allocator()));
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    @Override
    public Batch next() {
        ctx.checkCancelled();
        if (heapSize < 0) {
            heapSize = 0;
            for (int r = 0; r < heads.length; r++) {
                if (advance(r)) {
                    heap[heapSize++] = r;
                }
            }
            for (int i = heapSize / 2 - 1; i >= 0; i--) {
                siftDown(i);
            }
        }
        if (heapSize == 0) {
            return null;
        }
        int capacity = ctx.batchRows();
        List<FieldVector> out = new ArrayList<>(schema.size());
        try {
            for (Field f : schema.fields()) {
                out.add(Vectors.allocate(f.type(), f.name(), capacity, ctx.allocator()));
            }
            int n = 0;
            while (n < capacity && heapSize > 0) {
                int r = heap[0];
                Batch head = heads[r];
                int row = cursor[r]++;
                for (int c = 0; c < out.size(); c++) {
                    out.get(c).copyFromSafe(row, n, head.column(c));
                }
                n++;
                if (cursor[r] == head.rowCount() && !advance(r)) {
                    heap[0] = heap[--heapSize];
                }
                if (heapSize > 0) {
                    siftDown(0);
                }
            }
            for (FieldVector v : out) {
                v.setValueCount(n);
            }
            return Batch.of(schema, out, n, Seq.of(sourceId, 0, chunk++));
        } catch (RuntimeException | Error e) {
            out.forEach(FieldVector::close);
            throw e;
        }
    }

    /** Moves run r on to its next non-empty batch; false when the run is used up. */
    private boolean advance(int r) {
        release(r);
        Batch b;
        while ((b = readers.get(r).next()) != null) {
            if (b.rowCount() > 0) {
                heads[r] = b;
                cursor[r] = 0;
                keys[r] = order.keys(b, ctx.allocator());
                return true;
            }
            b.close();
        }
        return false;
    }

    private void release(int r) {
        if (keys[r] != null) {
            keys[r].close();
            keys[r] = null;
        }
        if (heads[r] != null) {
            heads[r].close();
            heads[r] = null;
        }
    }

    /** Whether run a's next row comes before run b's. */
    private boolean before(int a, int b) {
        int c = keys[a].compare(cursor[a], keys[b], cursor[b]);
        return c < 0 || (c == 0 && a < b);
    }

    private void siftDown(int i) {
        int r = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= heapSize) {
                break;
            }
            if (child + 1 < heapSize && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], r)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = r;
    }

    @Override
    public void close() {
        for (int r = 0; r < heads.length; r++) {
            release(r);
        }
        readers.forEach(SpillFile.Reader::close);
        runs.forEach(SpillFile::close);
    }
}
