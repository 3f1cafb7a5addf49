package io.polaroid.engine.io;

/** Estimated size of a relation; -1 when unknown. */
public record Statistics(long rows, long bytes) {
    public static final Statistics UNKNOWN = new Statistics(-1, -1);

    public boolean isKnown() {
        return rows >= 0;
    }
}
