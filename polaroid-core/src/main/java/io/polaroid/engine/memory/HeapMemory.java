package io.polaroid.engine.memory;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.AllocationReservation;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Accounts Java heap arrays (hash tables, accumulators) against a query's Arrow allocator, so the
 * query's memory limit covers them too. Growing past the limit fails the query with
 * RESOURCE_EXHAUSTED, unless the allocator's listener frees memory first (its
 * {@code onFailedAllocation}, as for Arrow buffers); closing releases everything reserved.
 */
public final class HeapMemory implements AutoCloseable {
    /** Heap reserved by every query of this process: what spilling weighs against the JVM's heap. */
    private static final AtomicLong IN_PROCESS = new AtomicLong();

    private final BufferAllocator allocator;
    private final String owner;
    private final List<AllocationReservation> reservations = new ArrayList<>();
    private long reserved;

    public HeapMemory(BufferAllocator allocator, String owner) {
        this.allocator = allocator;
        this.owner = owner;
    }

    /**
     * Records {@code bytes} more heap in use: within the query's limit, and within
     * {@value #HEAP_SHARE} of the JVM's heap for all queries together (past it, a table growing would
     * throw OutOfMemoryError somewhere no one can clean up after it).
     */
    public void grow(long bytes) {
        while (bytes > 0) {
            int chunk = (int) Math.min(bytes, 1 << 30);
            AllocationReservation r = allocator.newReservation();
            if (!reserve(r, chunk) && !(allocator.getListener().onFailedAllocation(chunk, null) && reserve(r, chunk))) {
                r.close();
                throw new PolaroidException(ErrorCode.RESOURCE_EXHAUSTED, owner + " needs " + chunk + " more bytes, "
                        + (heapFull(chunk) ? "which the JVM heap cannot hold (" + IN_PROCESS.get() + " of its "
                                + Runtime.getRuntime().maxMemory() + " bytes already held by queries)"
                                : "which exceeds the query's memory limit of " + allocator.getLimit() + " bytes (in use: "
                                + allocator.getAllocatedMemory() + ")"));
            }
            reservations.add(r);
            reserved += chunk;
            IN_PROCESS.addAndGet(chunk);
            bytes -= chunk;
        }
    }

    /**
     * Records {@code bytes} more heap (at most 1 GB) if they fit as things are, without asking
     * anyone to spill: for memory that only makes things faster. Returns whether it did.
     */
    public boolean tryGrow(long bytes) {
        AllocationReservation r = allocator.newReservation();
        if (bytes > 1 << 30 || !reserve(r, (int) bytes)) {
            r.close();
            return false;
        }
        reservations.add(r);
        reserved += bytes;
        IN_PROCESS.addAndGet(bytes);
        return true;
    }

    /** The share of the JVM heap that queries' state may hold together. */
    static final double HEAP_SHARE = 0.6;

    private static boolean heapFull(long more) {
        return IN_PROCESS.get() + more > HEAP_SHARE * Runtime.getRuntime().maxMemory();
    }

    private static boolean reserve(AllocationReservation r, int chunk) {
        return !heapFull(chunk) && r.add(chunk);
    }

    public long reserved() {
        return reserved;
    }

    public static long reservedInProcess() {
        return IN_PROCESS.get();
    }

    @Override
    public void close() {
        for (AllocationReservation r : reservations) {
            r.close();
        }
        reservations.clear();
        IN_PROCESS.addAndGet(-reserved);
        reserved = 0;
    }
}
