package io.polaroid.engine.exec;

import io.polaroid.engine.memory.HeapMemory;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.AllocationListener;
import org.apache.arrow.memory.AllocationOutcome;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Decides which of a query's spilling operators goes to disk, and when. Operators that hold state
 * (aggregation, join build, sort, shared subplans) register a {@link Consumer} per partition and
 * report what they hold between batches (a join build also says how much heap its hash table will
 * take once built).
 * <ul>
 *   <li>Each has a share: {@value #SHARE} of the query's memory split among the plan's spilling
 *       operators and their partitions. Above it, an operator spills once the query uses
 *       {@value #BUSY} of its memory, so that the operators that run later find room.</li>
 *   <li>Past {@value #PRESSURE} of the query's memory ({@value #HEAP_PRESSURE} of the JVM heap,
 *       for state kept on the heap), counting the heap a join's table will take, the largest
 *       consumer that can still spill is told to at its next report, whatever its share.</li>
 *   <li>An allocation that fails asks for the same at once and waits (up to
 *       {@value #RECLAIM_WAIT_MILLIS} ms) for consumers on other threads to free memory, then tries
 *       again ({@link #onFailedAllocation}); only when nothing frees enough does the query fail with
 *       RESOURCE_EXHAUSTED.</li>
 * </ul>
 * Measured on TPC-H SF10 in a 2 GB budget and a 2 GB heap: without shares (the first large
 * consumer takes what it likes), Q18 and Q20 spilled nothing and Q20 ran in 4.8 s instead of 9, but
 * Q18's aggregation then ran the heap out when both its partitions grew at once; counting a join's
 * future table against the share sent Q9's orders table to disk (29 s against 13). The shares as
 * they are keep all 22 queries within the heap.
 * With {@code polaroid.spill.operator-bytes} set, each operator spills past that many bytes instead
 * (split among its partitions), whatever else the query holds: a fixed budget, for tests and tuning.
 * One arbiter per query run: it is the listener of the run's allocator.
 */
public final class SpillArbiter implements AllocationListener {
    static final double SHARE = 0.25;
    static final double BUSY = 0.25;
    static final double PRESSURE = 0.6;
    /**
     * State on the heap (counted by {@link HeapMemory}) needs room besides: a table that doubles
     * holds its old and new arrays at once (up to 1.5 times what is counted), and the rest of the
     * process uses the heap too.
     */
    static final double HEAP_PRESSURE = 0.4;
    static final long RECLAIM_WAIT_MILLIS = 2000;
    /** Below this (or a sixteenth of the query's memory), nothing spills by pressure: tiny files free nothing. */
    private static final long FLOOR = 1 << 20;

    private final long operatorBytes;
    private final CopyOnWriteArrayList<Consumer> consumers = new CopyOnWriteArrayList<>();
    private volatile BufferAllocator allocator;
    private volatile int operators = 1;
    /** Until when (System.nanoTime) a failed allocation asks consumers to spill. */
    private volatile long reclaimUntil = System.nanoTime();

    /** @param operatorBytes a fixed budget per operator ({@code polaroid.spill.operator-bytes}), 0 for none */
    public SpillArbiter(long operatorBytes) {
        this.operatorBytes = operatorBytes;
    }

    /** The allocator whose use it watches (the one it listens to). */
    public void watch(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    /** Shares the query's memory among the plan's {@code operators} spilling operators. */
    public void shareAmong(int operators) {
        this.operators = Math.max(1, operators);
    }

    /** A new consumer; {@code sharers} partitions of one operator split a fixed operator budget. */
    public Consumer register(String owner, int sharers) {
        Consumer c = new Consumer(owner, Math.max(1, sharers));
        consumers.add(c);
        return c;
    }

    /**
     * Whether {@code bytes} more can be held without pressure: for an operator deciding, once,
     * whether something it already read is too big to keep (a join bucket to build).
     */
    public boolean roomFor(long bytes) {
        if (operatorBytes > 0) {
            return bytes <= operatorBytes;
        }
        BufferAllocator a = allocator;
        return a == null || bytes < floor() || a.getAllocatedMemory() + bytes <= PRESSURE * a.getLimit();
    }

    private long floor() {
        BufferAllocator a = allocator;
        return a == null ? FLOOR : Math.min(FLOOR, a.getLimit() / 16);
    }

    /** How full the query is, 0 to 1 (or more), counting {@code later} bytes of heap a consumer will need. */
    private double used(long later) {
        BufferAllocator a = allocator;
        return a == null ? 0 : 1 - (double) (a.getHeadroom() - later) / a.getLimit();
    }

    private static double heapUsed(long later) {
        return (double) (HeapMemory.reservedInProcess() + later) / Runtime.getRuntime().maxMemory();
    }

    private boolean reclaiming() {
        return System.nanoTime() - reclaimUntil < 0;
    }

    private Consumer largest() {
        Consumer best = null;
        for (Consumer c : consumers) {
            if (c.active && (best == null || c.held > best.held)) {
                best = c;
            }
        }
        return best;
    }

    /** Whether some consumer, reporting from another thread than this one, could still spill. */
    private boolean othersCanSpill() {
        Thread me = Thread.currentThread();
        for (Consumer c : consumers) {
            if (c.active && c.thread != me && c.held >= floor()) {
                return true;
            }
        }
        return false;
    }

    /**
     * An allocation of {@code size} bytes failed: for the next {@value #RECLAIM_WAIT_MILLIS} ms the
     * largest consumer left is told to spill at each report, and this thread waits for memory to
     * come back; true (try again) once it has.
     */
    @Override
    public boolean onFailedAllocation(long size, AllocationOutcome outcome) {
        BufferAllocator a = allocator;
        if (a == null || operatorBytes > 0) {
            return false;
        }
        reclaimUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RECLAIM_WAIT_MILLIS);
        long deadline = reclaimUntil;
        while (othersCanSpill() && System.nanoTime() - deadline < 0) {
            if (a.getHeadroom() >= size) {
                return true;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return a.getHeadroom() >= size;
    }

    /** One partition (or one whole build) of a spilling operator. Closed when it can no longer spill. */
    public final class Consumer implements AutoCloseable {
        private final String owner;
        private final int sharers;
        private volatile long held;
        private volatile boolean active = true;
        private volatile Thread thread = Thread.currentThread();

        private Consumer(String owner, int sharers) {
            this.owner = owner;
            this.sharers = sharers;
        }

        /**
         * Reports that the operator holds {@code bytes} it could write to disk; true when it should
         * now. Once told to, it stops being asked until it reports again (an operator that goes on
         * in memory after spilling, as a sort does with its next run, reports again).
         */
        public boolean shouldSpill(long bytes) {
            return shouldSpill(bytes, 0);
        }

        /**
         * As {@link #shouldSpill(long)}, for state that will need {@code heapLater} more bytes of heap
         * once read (a join's hash table over the rows it collects): those count as held, and as
         * already in use.
         */
        public boolean shouldSpill(long bytes, long heapLater) {
            held = bytes + heapLater;
            thread = Thread.currentThread();
            active = true;
            boolean spill;
            if (operatorBytes > 0) {
                spill = bytes > operatorBytes / sharers;
            } else if (held < floor()) {
                spill = false;
            } else {
                BufferAllocator a = allocator;
                boolean overShare = bytes > share() && a != null && a.getAllocatedMemory() > BUSY * a.getLimit();
                boolean pressed = reclaiming() || used(heapLater) > PRESSURE || heapUsed(heapLater) > HEAP_PRESSURE;
                spill = overShare || pressed && largest() == this;
            }
            if (spill) {
                active = false;
            }
            return spill;
        }

        private double share() {
            BufferAllocator a = allocator;
            return a == null ? Double.MAX_VALUE : SHARE * a.getLimit() / operators / sharers;
        }

        @Override
        public void close() {
            active = false;
            consumers.remove(this);
        }

        @Override
        public String toString() {
            return owner + " holding " + held + " bytes";
        }
    }
}
