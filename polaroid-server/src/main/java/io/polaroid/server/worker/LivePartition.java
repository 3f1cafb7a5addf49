package io.polaroid.server.worker;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.Schema;
import io.polaroid.engine.vector.Batch;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * A result partition its task is still making, read by one client while it is made. The task
 * puts batches into a buffer of at most {@code bufferBytes} (a batch larger than that still goes
 * through alone) and waits while it is full: a client that reads slowly slows the task down
 * instead of making the worker hold the whole result. What was taken is gone, so the partition
 * is read once; a reader that goes away drops it, and the task then stops.
 */
public final class LivePartition {
    private static final long WAIT_MILLIS = 50;

    private final Schema schema;
    private final long bufferBytes;
    private final ArrayDeque<Batch> buffer = new ArrayDeque<>();
    private final long createdNanos = System.nanoTime();
    private long bufferedBytes;
    private long peakBufferedBytes;
    private boolean ended;
    private PolaroidException failure;
    private String droppedBecause;
    private boolean claimed;

    LivePartition(Schema schema, long bufferBytes) {
        this.schema = schema;
        this.bufferBytes = bufferBytes;
    }

    public Schema schema() {
        return schema;
    }

    /**
     * Adds the task's next batch, waiting while the buffer is full; the buffer owns it from then on.
     * Throws CANCELLED (and frees the batch) when the partition was dropped or {@code stopped}.
     */
    public synchronized void put(Batch b, BooleanSupplier stopped) {
        try {
            while (!buffer.isEmpty() && bufferedBytes + b.bytes() > bufferBytes && droppedBecause == null) {
                if (stopped.getAsBoolean()) {
                    throw new PolaroidException(ErrorCode.CANCELLED, "the task was stopped while its result waited for the reader");
                }
                wait(WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            b.close();
            throw new PolaroidException(ErrorCode.CANCELLED, "interrupted while the result waited for its reader");
        } catch (RuntimeException e) {
            b.close();
            throw e;
        }
        if (droppedBecause != null) {
            b.close();
            throw new PolaroidException(ErrorCode.CANCELLED, "the result partition is no longer wanted: " + droppedBecause);
        }
        buffer.add(b);
        bufferedBytes += b.bytes();
        peakBufferedBytes = Math.max(peakBufferedBytes, bufferedBytes);
        notifyAll();
    }

    /** The task made every batch. */
    public synchronized void finish() {
        ended = true;
        notifyAll();
    }

    /** The task failed: the reader gets {@code error} after the batches already buffered. */
    public synchronized void fail(Throwable error) {
        failure = PolaroidException.wrap(error);
        notifyAll();
    }

    /** Makes this the partition's one reader; false when another reader had it already. */
    synchronized boolean claim() {
        if (claimed) {
            return false;
        }
        claimed = true;
        return true;
    }

    synchronized boolean claimed() {
        return claimed;
    }

    /**
     * The next batch, which the caller then owns, waiting for the task to make it; null once the
     * task ended and everything was taken, or when {@code readerGone}. Throws the task's failure.
     */
    public synchronized Batch take(BooleanSupplier readerGone) {
        try {
            while (buffer.isEmpty()) {
                if (failure != null) {
                    throw failure;
                }
                if (ended || droppedBecause != null || readerGone.getAsBoolean()) {
                    return null;
                }
                wait(WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PolaroidException(ErrorCode.CANCELLED, "interrupted while waiting for the task's next batch");
        }
        Batch b = buffer.poll();
        bufferedBytes -= b.bytes();
        notifyAll();
        return b;
    }

    /** What the task failed with; null while it runs or when it succeeded. */
    synchronized PolaroidException failure() {
        return failure;
    }

    /** True once the task ended and the reader took everything. */
    synchronized boolean drained() {
        return ended && failure == null && buffer.isEmpty();
    }

    /** Nobody will read the rest: frees the buffer, and the task stops at its next batch. */
    synchronized void drop(String why) {
        if (droppedBecause == null) {
            droppedBecause = why;
        }
        buffer.forEach(Batch::close);
        buffer.clear();
        bufferedBytes = 0;
        notifyAll();
    }

    long ageNanos() {
        return System.nanoTime() - createdNanos;
    }

    /** The most bytes the buffer held at once. */
    public synchronized long peakBufferedBytes() {
        return peakBufferedBytes;
    }
}
