package io.polaroid.engine.exec;

import io.polaroid.engine.vector.Batch;

/** A pull stream of batches. The caller owns each batch it receives and closes the stream. */
public interface BatchStream extends AutoCloseable {
    /** The next batch, or null at the end. */
    Batch next();

    @Override
    void close();

    static BatchStream empty() {
        return new BatchStream() {
            @Override
            public Batch next() {
                return null;
            }

            @Override
            public void close() {
            }
        };
    }
}
