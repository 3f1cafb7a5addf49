package io.polaroid.engine.session;

/**
 * What a query did: time, rows and bytes scanned, peak memory of its allocator, and what it
 * spilled to disk (bytes written and files made).
 */
public record QueryStats(long elapsedNanos, long rowsScanned, long bytesScanned, long peakMemoryBytes,
                         long spilledBytes, int spilledFiles) {
}
