package io.polaroid.engine.exec;

/**
 * What one operator of a run did ({@code LazyFrame.profile()}): {@code node} describes it,
 * {@code depth} is its level below the root; {@code startMicros} and {@code endMicros} are when it
 * was first asked for a batch and when its last stream ended, from the start of the run; then the
 * rows and batches it produced, the time spent inside it and the operators below it (summed over
 * its partitions, which run on several threads), and the bytes it wrote to spill files.
 */
public record OperatorTiming(String node, int depth, long startMicros, long endMicros, long rows, long batches,
                             long timeMicros, long spilledBytes) {
}
