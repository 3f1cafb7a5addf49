package io.polaroid.engine.spill;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.util.concurrent.atomic.AtomicLong;

/** The disk a process lets its queries' spill files take ({@code polaroid.spill.max-bytes}), shared by all of them. */
public final class SpillQuota {
    private final long max;
    private final AtomicLong used = new AtomicLong();

    public SpillQuota(long max) {
        this.max = max;
    }

    /** Takes {@code bytes} more, or fails with RESOURCE_EXHAUSTED naming the quota (and takes nothing). */
    void take(long bytes) {
        long now = used.addAndGet(bytes);
        if (now > max) {
            used.addAndGet(-bytes);
            throw new PolaroidException(ErrorCode.RESOURCE_EXHAUSTED, "spilling " + bytes + " more bytes to disk would exceed"
                    + " the spill quota of " + max + " bytes (polaroid.spill.max-bytes; " + (now - bytes) + " in use)");
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** Bytes of spill files that exist now. */
    public long used() {
        return used.get();
    }
}
