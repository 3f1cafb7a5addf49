package io.polaroid.server.worker;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.spill.SpillArea;
import io.polaroid.engine.spill.SpillFile;
import io.polaroid.engine.spill.SpillQuota;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import io.polaroid.engine.vector.Vectors;
import io.polaroid.server.common.Tickets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * The output partitions this worker holds, by ticket, in one allocator per query. A partition
 * that is being sent is leased: dropping it (release, TTL, a re-run) frees it when the last
 * lease ends. A query's allocator closes, and so proves that nothing leaked, when its last
 * partition is freed.
 *
 * <p>What the store holds in memory is bounded ({@code polaroid.worker.store-memory}): past the
 * bound, the oldest whole partitions nobody is reading go to disk, as spill files of their query,
 * and are read back from there. A query whose partition cannot go to disk (the spill quota is
 * full) fails with that error; the worker goes on.
 */
public final class PartitionStore implements AutoCloseable {
    /**
     * Where partitions go past {@code memoryBytes} of memory: spill files in {@code dirs}, counted
     * against {@code quota}; {@code spilled} hears of the bytes each one wrote.
     */
    public record DiskTier(long memoryBytes, List<String> dirs, SpillQuota quota, LongConsumer spilled) {
        /** Everything stays in memory. */
        public static final DiskTier NONE = new DiskTier(Long.MAX_VALUE, List.of(), new SpillQuota(Long.MAX_VALUE), b -> { });
    }

    /**
     * One partition of a task's output. It grows while its task runs, and readers may read it
     * meanwhile: a reader that reaches its end waits for the next batch, or for the task to end.
     * It is kept whole until dropped (it is read again when a reader runs again). A partition
     * that is being read is leased: dropping it (release, TTL, a re-run) frees it when the last
     * lease ends.
     */
    public final class Held {
        final Tickets ticket;
        final Schema schema;
        final boolean result;
        final long createdNanos = System.nanoTime();
        /** Where batches read back from disk are made. */
        private final BufferAllocator allocator;
        /** The partition's batches once they went to disk; then {@link #batches} is empty. */
        private SpillFile file;
        /** Its batches are being written to disk. */
        private boolean spilling;
        /** Guarded by this partition's own lock, so that its task appends without holding the store's. */
        private final List<Batch> batches = new ArrayList<>();
        private long rows;
        private long bytes;
        private boolean complete;
        private boolean freed;
        private PolaroidException failure;
        private int leases;
        private boolean dropped;

        Held(Tickets ticket, Schema schema, boolean result, BufferAllocator allocator) {
            this.ticket = ticket;
            this.schema = schema;
            this.result = result;
            this.allocator = allocator;
        }

        public Schema schema() {
            return schema;
        }

        public boolean isResult() {
            return result;
        }

        /**
         * Adds the task's next batch, which the partition owns from then on (a partition that went
         * to disk while it grows writes it there); CANCELLED once it was freed. When the store then
         * holds more than its memory, partitions go to disk.
         */
        public void append(Batch b) {
            synchronized (this) {
                if (failure != null) {
                    b.close();
                    throw failure; // it could not go to disk
                }
                if (freed) {
                    b.close();
                    throw new PolaroidException(ErrorCode.CANCELLED, "partition " + ticket + " was dropped while its task ran");
                }
                rows += b.rowCount();
                bytes += b.bytes();
                if (file != null) {
                    try (b) {
                        file.write(b);
                    }
                } else {
                    batches.add(b);
                    inMemory.addAndGet(b.bytes());
                }
                notifyAll();
            }
            spillIfOver();
        }

        /** The task made every batch; partitions may go to disk now, if the store holds too much. */
        public void finish() {
            synchronized (this) {
                if (file != null) {
                    file.finish();
                }
                complete = true;
                notifyAll();
            }
            spillIfOver();
        }

        /**
         * The task failed: readers get {@code error}, the query's own error; a task that was
         * stopped or lost an input leaves a partition that is gone (the coordinator runs it again,
         * so its readers must not take this worker for lost).
         */
        public synchronized void fail(PolaroidException error) {
            boolean lost = error.code() == ErrorCode.CANCELLED || error.code() == ErrorCode.IO_ERROR;
            failure = !lost ? error : new PolaroidException(ErrorCode.FILE_NOT_FOUND,
                    "partition " + ticket + " is gone: the task making it stopped (" + error.getMessage() + ")");
            notifyAll();
        }

        public synchronized long rows() {
            return rows;
        }

        public synchronized long bytes() {
            return bytes;
        }

        /** Reads the partition from its start; the caller holds a {@link #lease} until the cursor is closed. */
        public Cursor cursor() {
            return new Cursor();
        }

        /**
         * One reader's place in a leased partition, which may go to disk while it is read: in
         * memory the reader gets a view of each batch (the partition can free its own meanwhile);
         * on disk, the reader waits until the partition is whole and reads on from the file.
         */
        public final class Cursor implements AutoCloseable {
            private boolean onDisk;
            private SpillFile.Reader disk;
            private int next;
            private Batch last;

            private Cursor() {
            }

            /**
             * The next batch, the cursor's until the next call; waits while the task is still
             * making it (a partition on disk is read once it is whole). Null past the last batch
             * once the task ended, or when {@code stop} says so while waiting. Throws the task's
             * failure.
             */
            public Batch next(BooleanSupplier stop) {
                closeLast();
                if (!onDisk) {
                    Batch b = inMemory(next, stop);
                    if (b != MOVED) {
                        next += b == null ? 0 : 1;
                        last = b;
                        return b;
                    }
                    onDisk = true;
                }
                if (disk == null) {
                    disk = openWhenWhole(stop);
                    if (disk == null) {
                        return null;
                    }
                    for (int skip = 0; skip < next; skip++) { // what this reader had from memory
                        Batch seen = disk.next();
                        if (seen != null) {
                            seen.close();
                        }
                    }
                }
                last = disk.next();
                return last;
            }

            private SpillFile.Reader openWhenWhole(BooleanSupplier stop) {
                synchronized (Held.this) {
                    try {
                        while (true) {
                            checkReadable();
                            if (complete) {
                                return file.read(allocator);
                            }
                            if (stop.getAsBoolean()) {
                                return null;
                            }
                            Held.this.wait(WAIT_MILLIS);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new PolaroidException(ErrorCode.CANCELLED, "interrupted while waiting for partition " + ticket);
                    }
                }
            }

            private void closeLast() {
                if (last != null) {
                    last.close();
                    last = null;
                }
            }

            @Override
            public void close() {
                closeLast();
                if (disk != null) {
                    disk.close();
                }
            }
        }

        /** Throws the task's failure, or NOT_FOUND once the partition was freed. */
        private synchronized void checkReadable() {
            if (failure != null) {
                throw failure;
            }
            if (freed) {
                throw new PolaroidException(ErrorCode.FILE_NOT_FOUND, "partition " + ticket + " was dropped while it was read");
            }
        }

        /**
         * A view of batch {@code i} (the caller's to close), waiting while the task is still
         * making it; {@link #MOVED} once the partition went to disk. Null past the last batch once
         * the task ended, or when {@code stop} says so while waiting. Throws the task's failure.
         */
        private synchronized Batch inMemory(int i, BooleanSupplier stop) {
            try {
                while (true) {
                    checkReadable();
                    if (file != null) {
                        return MOVED;
                    }
                    if (i < batches.size()) {
                        return view(batches.get(i));
                    }
                    if (complete || stop.getAsBoolean()) {
                        return null;
                    }
                    wait(WAIT_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PolaroidException(ErrorCode.CANCELLED, "interrupted while waiting for partition " + ticket);
            }
        }

        /** True once the task made every batch. */
        public synchronized boolean complete() {
            return complete;
        }

        private synchronized void free() {
            freed = true;
            releaseData();
            notifyAll();
        }

        /** Frees the batches, in memory or on disk. */
        private synchronized void releaseData() {
            if (file != null) {
                file.close();
                file = null;
            } else {
                inMemory.addAndGet(-batches.stream().mapToLong(Batch::bytes).sum());
            }
            batches.forEach(Batch::close);
            batches.clear();
        }

        /** A partition that may go to disk: in memory (whole or growing, read or not), not dropped. */
        private synchronized boolean movable() {
            return !freed && failure == null && file == null && !spilling && !dropped && !batches.isEmpty();
        }

        /**
         * Writes the batches made so far to {@code f}, outside the partition's lock (its task may
         * go on adding batches meanwhile); returns how many. The batches stay in memory.
         */
        private int writeTo(SpillFile f) {
            List<Batch> made;
            synchronized (this) {
                made = new ArrayList<>(batches); // leased by the mover: nobody frees them meanwhile
            }
            made.forEach(f::write);
            return made.size();
        }

        /**
         * The partition is on {@code f} from now on: the batches its task added after the first
         * {@code written} go there too, its batches in memory are freed, and its task's next ones
         * go to disk.
         */
        private synchronized void moveTo(SpillFile f, int written) {
            for (int i = written; i < batches.size(); i++) {
                f.write(batches.get(i));
            }
            if (complete) {
                f.finish();
            }
            releaseData();
            file = f;
        }

        /** Ends a lease taken by {@link #lease}; {@code consumed}: a result that was read whole is dropped. */
        public void done(boolean consumed) {
            synchronized (PartitionStore.this) {
                leases--;
                if (consumed && result) {
                    drop(this);
                }
                freeIfUnused(this);
            }
        }
    }

    /** What a cursor's read in memory says when the partition went to disk meanwhile. */
    private static final Batch MOVED = Batch.of(Schema.of(), List.of(), 0, 0);

    /** The same rows over the same buffers, which stay alive until both are closed. */
    private static Batch view(Batch b) {
        List<FieldVector> columns = new ArrayList<>(b.columnCount());
        for (FieldVector v : b.columns()) {
            columns.add(Vectors.share(v));
        }
        return Batch.of(b.schema(), columns, b.rowCount(), b.seq());
    }

    private static final class QueryData {
        final BufferAllocator allocator;
        final Map<Tickets, Held> partitions = new HashMap<>();
        /** Result partitions their tasks are still making, read while they are made. */
        final Map<Tickets, LivePartition> live = new HashMap<>();
        int pendingTasks;
        /** The query's partitions on disk, made when the first one goes there. */
        SpillArea disk;

        QueryData(BufferAllocator allocator) {
            this.allocator = allocator;
        }

        void close() {
            if (disk != null) {
                disk.close();
            }
            allocator.close();
        }
    }

    /** How long a read waits for a partition whose task has not reached this worker yet. */
    public static final long ARRIVAL_WAIT_MILLIS = 10_000;
    private static final int REMEMBERED_CANCELS = 10_000;
    private static final long WAIT_MILLIS = 50;

    private final BufferAllocator parent;
    private final DiskTier tier;
    /** Bytes of the partitions' batches in memory. */
    private final AtomicLong inMemory = new AtomicLong();
    /** Bytes of the partitions being written to disk now (still in memory). */
    private long moving;
    private final Map<String, QueryData> queries = new HashMap<>();
    /** Queries cancelled here: output of their tasks that finish later is freed, not held. */
    private final java.util.Set<String> cancelled = java.util.Collections.newSetFromMap(new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_CANCELS;
        }
    });

    /** Partitions that were here and are gone (read, dropped, expired): a reader of one is told at once. */
    private final java.util.Set<Tickets> gone = java.util.Collections.newSetFromMap(new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Tickets, Boolean> eldest) {
            return size() > REMEMBERED_GONE;
        }
    });
    private static final int REMEMBERED_GONE = 10_000;
    /**
     * Why the task of a streamed partition failed, kept after the partition went: the query's
     * failure frees it at once, and its reader may come only then; it must get the task's error,
     * not "gone".
     */
    private final Map<Tickets, PolaroidException> failedLive = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Tickets, PolaroidException> eldest) {
            return size() > REMEMBERED_GONE;
        }
    };

    /** A store that holds everything in memory. */
    public PartitionStore(BufferAllocator parent) {
        this(parent, DiskTier.NONE);
    }

    public PartitionStore(BufferAllocator parent, DiskTier tier) {
        this.parent = parent;
        this.tier = tier;
    }

    /** The allocator a task of {@code queryId} writes its output into; pair with {@link #taskEnded}. */
    public synchronized BufferAllocator taskStarted(String queryId) {
        QueryData q = queries.computeIfAbsent(queryId,
                id -> new QueryData(parent.newChildAllocator("query-" + id, 0, Long.MAX_VALUE)));
        q.pendingTasks++;
        return q.allocator;
    }

    public synchronized void taskEnded(String queryId) {
        QueryData q = queries.get(queryId);
        if (q != null) {
            q.pendingTasks--;
            closeIfEmpty(queryId, q);
        }
    }

    /**
     * Opens the output partitions of one task attempt, empty, for its task to fill as it runs
     * (replacing those of a repeated run of the same attempt); readers that wait for them are
     * woken. CANCELLED when the query was cancelled or released here meanwhile.
     */
    public synchronized Held[] open(Tickets first, Schema schema, int partitions, boolean result) {
        QueryData q = queries.get(first.queryId());
        if (q == null || cancelled.contains(first.queryId())) {
            throw new PolaroidException(ErrorCode.CANCELLED, "query " + first.queryId() + " was released while its task ran");
        }
        Held[] opened = new Held[partitions];
        for (int p = 0; p < partitions; p++) {
            Tickets t = first.withPartition(p);
            Held old = q.partitions.remove(t);
            if (old != null) {
                drop(old);
                freeIfUnused(old);
            }
            opened[p] = new Held(t, schema, result, q.allocator);
            q.partitions.put(t, opened[p]);
        }
        notifyAll();
        return opened;
    }

    /** Holds the whole partitions of one task attempt at once. */
    public void put(Tickets first, Schema schema, List<List<Batch>> partitions, boolean result) {
        Held[] held;
        try {
            held = open(first, schema, partitions.size(), result);
        } catch (RuntimeException e) {
            partitions.forEach(p -> p.forEach(Batch::close));
            throw e;
        }
        for (int p = 0; p < held.length; p++) {
            partitions.get(p).forEach(held[p]::append);
            held[p].finish();
        }
    }

    /** The task making {@code partitions} failed or stopped: their readers get why, and they are freed. */
    public void discard(Held[] partitions, PolaroidException why) {
        for (Held h : partitions) {
            h.fail(why);
        }
        synchronized (this) {
            for (Held h : partitions) {
                drop(h);
                freeIfUnused(h);
            }
        }
    }

    /**
     * Opens the result partition a streaming task fills as it runs; the task's query must have
     * started here ({@link #taskStarted}). CANCELLED when the query was cancelled meanwhile.
     */
    public synchronized LivePartition openLive(Tickets ticket, Schema schema, long bufferBytes) {
        QueryData q = queries.get(ticket.queryId());
        if (q == null || cancelled.contains(ticket.queryId())) {
            throw new PolaroidException(ErrorCode.CANCELLED, "query " + ticket.queryId() + " was released before its task ran");
        }
        LivePartition old = q.live.remove(ticket);
        if (old != null) {
            old.drop("the task runs again");
        }
        LivePartition live = new LivePartition(schema, bufferBytes);
        q.live.put(ticket, live);
        notifyAll(); // its reader may be waiting for it
        return live;
    }

    /**
     * Makes the caller the one reader of a partition still being made; null when the partition is
     * not a live one (it may be held whole). A live partition is read once: a second reader fails.
     * The client of a streamed result may ask before the task that makes it has reached this
     * worker: a partition this worker has never seen is waited for, up to {@code waitMillis}.
     */
    public synchronized LivePartition claimLive(Tickets ticket, long waitMillis) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (true) {
            PolaroidException failed = failedLive.get(ticket);
            if (failed != null) {
                throw failed;
            }
            QueryData q = queries.get(ticket.queryId());
            LivePartition live = q == null ? null : q.live.get(ticket);
            if (live != null) {
                if (!live.claim()) {
                    throw new PolaroidException(ErrorCode.FILE_NOT_FOUND, "partition " + ticket
                            + " was streamed to a reader already: a streamed result is read once");
                }
                return live;
            }
            long left = deadline - System.nanoTime();
            if (q != null && q.partitions.containsKey(ticket) || !awaitArrival(ticket, left)) {
                return null;
            }
        }
    }

    /**
     * Waits, at most {@code leftNanos}, for a partition this worker has not seen to arrive: its
     * task may not have reached this worker yet. False when it will not come (it was here and
     * went, its query was cancelled, or the time is up).
     */
    private boolean awaitArrival(Tickets ticket, long leftNanos) {
        if (gone.contains(ticket) || cancelled.contains(ticket.queryId()) || leftNanos <= 0) {
            return false;
        }
        try {
            wait(Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(leftNanos)));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A reader of a live partition is done; unless it read everything, the rest is dropped and its task stops. */
    public synchronized void liveRead(Tickets ticket, LivePartition live, String whyNotComplete) {
        if (whyNotComplete != null) {
            live.drop(whyNotComplete);
        }
        QueryData q = queries.get(ticket.queryId());
        forgetLive(ticket, live);
        if (q != null && q.live.get(ticket) == live) {
            q.live.remove(ticket);
            closeIfEmpty(ticket.queryId(), q);
        }
    }

    /**
     * The task of a live partition failed: its reader, if it has one, gets the error from the
     * partition; one nobody claimed yet goes now (a reader that comes later gets the error), since
     * an attempt that failed is never handed out.
     */
    public synchronized void liveFailed(Tickets ticket, LivePartition live) {
        QueryData q = queries.get(ticket.queryId());
        if (!live.claimed() && q != null && q.live.get(ticket) == live) {
            live.drop("its task failed");
            q.live.remove(ticket);
            forgetLive(ticket, live);
            closeIfEmpty(ticket.queryId(), q);
        }
    }

    /** Remembers that a live partition went, and why its task failed if it did; always true. */
    private boolean forgetLive(Tickets ticket, LivePartition live) {
        gone.add(ticket);
        PolaroidException failure = live.failure();
        if (failure != null && failure.code() != ErrorCode.CANCELLED) {
            failedLive.put(ticket, failure);
        }
        return true;
    }

    /** Takes a lease on a partition; NOT_FOUND when it is not (or no longer) here. */
    public synchronized Held lease(Tickets ticket) {
        return lease(ticket, 0);
    }

    /**
     * Takes a lease on a partition, which may still be growing; one this worker has never seen is
     * waited for, up to {@code waitMillis}, since its reader may start before its task reaches
     * this worker. NOT_FOUND when it is not (or no longer) here.
     */
    public synchronized Held lease(Tickets ticket, long waitMillis) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (true) {
            QueryData q = queries.get(ticket.queryId());
            Held h = q == null ? null : q.partitions.get(ticket);
            if (h != null && !h.dropped) {
                h.leases++;
                return h;
            }
            if (h != null || !awaitArrival(ticket, deadline - System.nanoTime())) {
                throw new PolaroidException(ErrorCode.FILE_NOT_FOUND, "partition " + ticket
                        + " is not held by this worker: it was fetched already, released, or expired");
            }
        }
    }

    /** Frees everything held for the query, now and for its tasks that are still running. */
    public synchronized void cancel(String queryId) {
        cancelled.add(queryId);
        release(queryId, false);
    }

    public synchronized boolean isCancelled(String queryId) {
        return cancelled.contains(queryId);
    }

    /** Frees a query's shuffle partitions, and its results too unless {@code keepResults}. */
    public synchronized void release(String queryId, boolean keepResults) {
        QueryData q = queries.get(queryId);
        if (q == null) {
            return;
        }
        for (Held h : new ArrayList<>(q.partitions.values())) {
            if (!keepResults || !h.result) {
                drop(h);
                freeIfUnused(h);
            }
        }
        if (!keepResults) {
            // one being read goes when its reader ends: the batch it is sending is still in use
            q.live.values().forEach(l -> l.drop("the query was released"));
            q.live.entrySet().removeIf(e -> !e.getValue().claimed() && forgetLive(e.getKey(), e.getValue()));
            closeIfEmpty(queryId, q);
        }
    }

    /** Frees every partition older than {@code ttlNanos}; returns how many. */
    public synchronized int expire(long ttlNanos) {
        long now = System.nanoTime();
        int n = 0;
        for (Map.Entry<String, QueryData> e : new ArrayList<>(queries.entrySet())) {
            QueryData q = e.getValue();
            for (Held h : new ArrayList<>(q.partitions.values())) {
                if (now - h.createdNanos > ttlNanos) {
                    drop(h);
                    freeIfUnused(h);
                    n++;
                }
            }
            // a live partition being read lives as long as its stream; one nobody came for expires
            for (var it = q.live.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Tickets, LivePartition> l = it.next();
                if (!l.getValue().claimed() && l.getValue().ageNanos() > ttlNanos) {
                    l.getValue().drop("nobody read it within the result TTL");
                    it.remove();
                    forgetLive(l.getKey(), l.getValue());
                    n++;
                }
            }
            closeIfEmpty(e.getKey(), q);
        }
        return n;
    }

    /** The queries this worker holds partitions or running tasks for. */
    public synchronized List<String> queryIds() {
        return new ArrayList<>(queries.keySet());
    }

    public synchronized int heldPartitions() {
        return queries.values().stream().mapToInt(q -> q.partitions.size() + q.live.size()).sum();
    }

    public synchronized int queryCount() {
        return queries.size();
    }

    /** Bytes of partition batches held in memory now. */
    public long memoryBytes() {
        return inMemory.get();
    }

    /** Moves partitions to disk when the store holds more than its memory; checks without the store's lock first. */
    private void spillIfOver() {
        if (inMemory.get() > tier.memoryBytes()) {
            spillWhileOver();
        }
    }

    /**
     * While the partitions in memory exceed the tier's bound, moves the oldest one that may move
     * to disk. The writing happens outside the store's lock, under a lease, so that readers and
     * other tasks go on; a partition someone started to read meanwhile stays in memory.
     */
    private void spillWhileOver() {
        while (true) {
            Held victim;
            SpillArea area;
            long amount;
            synchronized (this) {
                if (inMemory.get() - moving <= tier.memoryBytes()) {
                    return;
                }
                victim = oldestMovable();
                if (victim == null) {
                    return;
                }
                QueryData q = queries.get(victim.ticket.queryId());
                if (q.disk == null) {
                    q.disk = new SpillArea(tier.dirs(), tier.quota());
                }
                area = q.disk;
                victim.spilling = true;
                victim.leases++;
                amount = victim.bytes();
                moving += amount;
            }
            moveToDisk(victim, area, amount);
        }
    }

    /** The partition to move first: one nobody is reading before one being read, then the oldest. */
    private Held oldestMovable() {
        Held best = null;
        for (QueryData q : queries.values()) {
            for (Held h : q.partitions.values()) {
                if (h.movable() && (best == null || moveBefore(h, best))) {
                    best = h;
                }
            }
        }
        return best;
    }

    private static boolean moveBefore(Held a, Held b) {
        if ((a.leases == 0) != (b.leases == 0)) {
            return a.leases == 0;
        }
        return a.createdNanos < b.createdNanos;
    }

    /** Moves {@code h} to a new file of {@code area}; {@code amount}: what {@link #moving} counts for it. */
    private void moveToDisk(Held h, SpillArea area, long amount) {
        SpillFile f = null;
        int written = 0;
        PolaroidException failure = null;
        try {
            f = area.newFile("partition-" + h.ticket.stage() + "-" + h.ticket.task() + "-" + h.ticket.partition());
            written = h.writeTo(f);
        } catch (RuntimeException e) {
            failure = diskError(h, e);
        }
        synchronized (this) {
            moving -= amount;
            h.leases--;
            synchronized (h) {
                h.spilling = false;
                if (failure == null && !h.dropped) {
                    try {
                        h.moveTo(f, written);
                        tier.spilled().accept(f.bytes());
                        f = null;
                    } catch (RuntimeException e) {
                        failure = diskError(h, e);
                    }
                }
                if (failure != null) {
                    // its readers get why; the memory goes now, the partition with its query
                    h.fail(failure);
                    h.releaseData();
                }
            }
            if (f != null) {
                f.close();
            }
            freeIfUnused(h);
        }
    }

    private static PolaroidException diskError(Held h, RuntimeException e) {
        return e instanceof PolaroidException p ? p : new PolaroidException(ErrorCode.RESOURCE_EXHAUSTED,
                "cannot write partition " + h.ticket + " to disk: " + e.getMessage(), e);
    }

    private void drop(Held h) {
        h.dropped = true;
    }

    private void freeIfUnused(Held h) {
        if (!h.dropped || h.leases > 0) {
            return;
        }
        QueryData q = queries.get(h.ticket.queryId());
        if (q == null || q.partitions.get(h.ticket) != h) {
            h.free();
            return;
        }
        q.partitions.remove(h.ticket);
        gone.add(h.ticket);
        h.free();
        closeIfEmpty(h.ticket.queryId(), q);
    }

    private void closeIfEmpty(String queryId, QueryData q) {
        if (q.partitions.isEmpty() && q.live.isEmpty() && q.pendingTasks == 0 && queries.get(queryId) == q) {
            queries.remove(queryId);
            q.close();
        }
    }

    @Override
    public synchronized void close() {
        for (QueryData q : queries.values()) {
            q.partitions.values().forEach(Held::free);
            q.live.values().forEach(l -> l.drop("the worker is stopping"));
            q.close();
        }
        queries.clear();
        parent.close();
    }
}
