package io.polaroid.engine.session;

/** What a query did: time, rows and bytes scanned, peak memory of its allocator. */
public record QueryStats(long elapsedNanos, long rowsScanned, long bytesScanned, long peakMemoryBytes) {
}
