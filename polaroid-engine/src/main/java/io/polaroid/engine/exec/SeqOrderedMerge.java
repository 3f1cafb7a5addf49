package io.polaroid.engine.exec;

import io.polaroid.engine.vector.Batch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hands the batches of a plan's partitions to a sink as they are produced, in the order
 * {@link BatchList#sortBySeq()} gives the collected result: data order. Each partition produces
 * its batches in increasing sequence order (a scan's threads take morsels in order), so a batch
 * can go out once every partition still running has produced something after it, or has ended:
 * a k-way merge over streams. The operators keep that order by design (sources are numbered in
 * plan order); as a safety net, a partition seen going backwards holds everything back until it
 * ends, and its batches are then sorted. Only a partition whose very first batch comes out of
 * order could slip through, which no operator does.
 *
 * <p>The sink is called under this merge's lock, so it sees one batch at a time, and a sink that
 * blocks (a full buffer towards a slow reader) holds back every partition: back-pressure.
 */
public final class SeqOrderedMerge implements AutoCloseable {
    private final Consumer<Batch> sink;
    private final List<ArrayDeque<Batch>> pending = new ArrayList<>();
    private final long[] last;
    private final boolean[] ended;
    private final boolean[] backwards;
    private boolean closed;

    /** {@code sink} takes ownership of every batch it is given. */
    public SeqOrderedMerge(int partitions, Consumer<Batch> sink) {
        this.sink = sink;
        this.last = new long[partitions];
        this.ended = new boolean[partitions];
        this.backwards = new boolean[partitions];
        for (int p = 0; p < partitions; p++) {
            pending.add(new ArrayDeque<>());
            last[p] = Long.MIN_VALUE;
        }
    }

    /** Takes a batch partition {@code p} produced; passes on every batch that is now next in order. */
    public synchronized void add(int p, Batch b) {
        if (closed) {
            b.close();
            return;
        }
        if (b.seq() < last[p]) {
            backwards[p] = true;
        }
        last[p] = b.seq();
        pending.get(p).add(b);
        drain();
    }

    /** Partition {@code p} has produced everything. */
    public synchronized void end(int p) {
        ended[p] = true;
        if (backwards[p]) {
            List<Batch> sorted = new ArrayList<>(pending.get(p));
            sorted.sort(java.util.Comparator.comparingLong(Batch::seq));
            pending.set(p, new ArrayDeque<>(sorted));
            backwards[p] = false;
        }
        drain();
    }

    private void drain() {
        while (!closed) {
            int next = -1;
            for (int p = 0; p < pending.size(); p++) {
                Batch head = pending.get(p).peekFirst();
                if (head == null) {
                    if (!ended[p]) {
                        return; // it may still produce something earlier than every head
                    }
                    continue;
                }
                if (backwards[p]) {
                    return;
                }
                if (next < 0 || head.seq() < pending.get(next).peekFirst().seq()) {
                    next = p;
                }
            }
            if (next < 0) {
                return;
            }
            sink.accept(pending.get(next).pollFirst());
        }
    }

    /** Frees what was not passed on (the run failed or was cancelled). */
    @Override
    public synchronized void close() {
        closed = true;
        for (ArrayDeque<Batch> q : pending) {
            q.forEach(Batch::close);
            q.clear();
        }
    }
}
