package io.polaroid.engine.exec;

import io.polaroid.engine.vector.Batch;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What each operator of one run did, for {@code LazyFrame.profile()}: the rows and batches it
 * produced, when it was first asked for a batch and when its last stream ended (from the run's
 * start), the time spent inside it and the operators below it (summed over its partitions, which
 * run on several threads), and the bytes it wrote to spill files. The run's context wraps each
 * stream it opens ({@link TaskContext#execute}).
 */
public final class OperatorProfile {
    private static final class Counters {
        final AtomicLong rows = new AtomicLong();
        final AtomicLong batches = new AtomicLong();
        final AtomicLong nanos = new AtomicLong();
        final AtomicLong spilled = new AtomicLong();
        final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong last = new AtomicLong();
    }

    private final long startNanos = System.nanoTime();
    private final Map<ExecNode, Counters> counters = new IdentityHashMap<>();

    private synchronized Counters of(ExecNode node) {
        return counters.computeIfAbsent(node, n -> new Counters());
    }

    /** {@code stream}, one partition of {@code node}, counted. */
    BatchStream wrap(ExecNode node, BatchStream stream) {
        Counters c = of(node);
        return new BatchStream() {
            @Override
            public Batch next() {
                long start = System.nanoTime();
                c.first.accumulateAndGet(start - startNanos, Math::min);
                Batch b = stream.next();
                long end = System.nanoTime();
                c.nanos.addAndGet(end - start);
                if (b != null) {
                    c.rows.addAndGet(b.rowCount());
                    c.batches.incrementAndGet();
                } else {
                    c.last.accumulateAndGet(end - startNanos, Math::max);
                }
                return b;
            }

            @Override
            public void close() {
                c.last.accumulateAndGet(System.nanoTime() - startNanos, Math::max);
                stream.close();
            }
        };
    }

    /** {@code node} wrote {@code bytes} more to spill files. */
    void spilled(ExecNode node, long bytes) {
        of(node).spilled.addAndGet(bytes);
    }

    /** Every operator of the plan under {@code root}, root first, children after their parent. */
    public List<OperatorTiming> entries(ExecNode root) {
        List<OperatorTiming> out = new ArrayList<>();
        add(root, 0, out);
        return out;
    }

    private void add(ExecNode node, int depth, List<OperatorTiming> out) {
        Counters c = of(node);
        long first = c.first.get();
        out.add(new OperatorTiming(node.describe(), depth, first == Long.MAX_VALUE ? 0 : first / 1000, c.last.get() / 1000,
                c.rows.get(), c.batches.get(), c.nanos.get() / 1000, c.spilled.get()));
        for (ExecNode child : node.children()) {
            add(child, depth + 1, out);
        }
    }
}
