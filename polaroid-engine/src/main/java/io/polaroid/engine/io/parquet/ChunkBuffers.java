package io.polaroid.engine.io.parquet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.bytes.ByteBufferAllocator;

/**
 * The heap buffers parquet-mr reads a row group's column chunks into, kept after the row group is
 * closed for the next one to read into. A chunk is megabytes, so a fresh buffer is a G1 humongous
 * allocation, zeroed and then overwritten; a scan of lineitem did that for every row group it read.
 *
 * <p>Idle buffers are a cache outside any query's memory budget, so the pool keeps at most
 * {@link #LIMIT} bytes (a sixteenth of the heap, at most 128 MB) and lets the garbage collector
 * have the rest. parquet-mr hands a buffer back when the row group's pages are closed; its
 * vectored reads never do, so readers that use this pool read without them.
 */
final class ChunkBuffers implements ByteBufferAllocator {
    static final long LIMIT = Math.min(128L << 20, Runtime.getRuntime().maxMemory() / 16);
    static final ChunkBuffers SHARED = new ChunkBuffers(LIMIT);

    private final long limit;
    private final List<ByteBuffer> idle = new ArrayList<>();
    private long idleBytes;

    ChunkBuffers(long limit) {
        this.limit = limit;
    }

    /** The smallest idle buffer that holds {@code size} bytes, else a new one; its limit is {@code size}. */
    @Override
    public synchronized ByteBuffer allocate(int size) {
        int best = -1;
        for (int i = 0; i < idle.size(); i++) {
            int capacity = idle.get(i).capacity();
            if (capacity >= size && (best < 0 || capacity < idle.get(best).capacity())) {
                best = i;
            }
        }
        if (best < 0) {
            return ByteBuffer.allocate(size);
        }
        ByteBuffer b = idle.remove(best);
        idleBytes -= b.capacity();
        b.clear().limit(size);
        return b;
    }

    @Override
    public synchronized void release(ByteBuffer b) {
        for (ByteBuffer held : idle) {
            if (held == b) {
                throw new IllegalStateException("a chunk buffer was released twice");
            }
        }
        if (b.isDirect() || !b.hasArray() || idleBytes + b.capacity() > limit) {
            return;
        }
        idle.add(b);
        idleBytes += b.capacity();
    }

    @Override
    public boolean isDirect() {
        return false;
    }

    synchronized long idleBytes() {
        return idleBytes;
    }
}
