package io.polaroid.engine.memory;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import org.apache.arrow.memory.AllocationReservation;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Accounts Java heap arrays (hash tables, accumulators) against a query's Arrow allocator, so the
 * query's memory limit covers them too. Growing past the limit fails the query with
 * RESOURCE_EXHAUSTED; closing releases everything reserved.
 */
public final class HeapMemory implements AutoCloseable {
    private final BufferAllocator allocator;
    private final String owner;
    private final java.util.List<AllocationReservation> reservations = new java.util.ArrayList<>();
    private long reserved;

    public HeapMemory(BufferAllocator allocator, String owner) {
        this.allocator = allocator;
        this.owner = owner;
    }

    /** Records {@code bytes} more heap in use. */
    public void grow(long bytes) {
        while (bytes > 0) {
            int chunk = (int) Math.min(bytes, 1 << 30);
            AllocationReservation r = allocator.newReservation();
            if (!r.add(chunk)) {
                r.close();
                throw new PolaroidException(ErrorCode.RESOURCE_EXHAUSTED, owner + " needs " + chunk
                        + " more bytes, which exceeds the query's memory limit of " + allocator.getLimit() + " bytes (in use: "
                        + allocator.getAllocatedMemory() + ")");
            }
            reservations.add(r);
            reserved += chunk;
            bytes -= chunk;
        }
    }

    public long reserved() {
        return reserved;
    }

    @Override
    public void close() {
        for (AllocationReservation r : reservations) {
            r.close();
        }
        reservations.clear();
        reserved = 0;
    }
}
