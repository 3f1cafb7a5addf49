package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.vector.Batch;

/** The batches of several streams, one after another, each opened when the one before it ends. */
abstract class ChainedStreams implements BatchStream {
    private BatchStream current;

    /** The next stream to read, or null when there are no more. */
    protected abstract BatchStream nextStream();

    @Override
    public Batch next() {
        while (true) {
            if (current != null) {
                Batch out = current.next();
                if (out != null) {
                    return out;
                }
                current.close();
                current = null;
            }
            current = nextStream();
            if (current == null) {
                return null;
            }
        }
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
