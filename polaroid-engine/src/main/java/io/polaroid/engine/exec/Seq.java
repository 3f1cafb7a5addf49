package io.polaroid.engine.exec;

/**
 * Batch sequence numbers: {@code [source 7 bits][morsel 24 bits][batch 20 bits][split 12 bits]}.
 * Every operator that makes new rows (a scan, an aggregate, a sort) is a source with its own id,
 * numbered in plan order, so ordering batches by sequence number gives data order, and a union
 * gives its inputs in turn.
 */
public final class Seq {
    private Seq() {
    }

    public static long of(int source, long morsel, long batch) {
        return ((long) source << 56) | ((morsel & 0xFFFFFFL) << 32) | ((batch & 0xFFFFFL) << 12);
    }

    /** The {@code split}-th piece of batch {@code seq}, for operators that cut one batch into several. */
    public static long split(long seq, int split) {
        return seq | (split & 0xFFFL);
    }
}
