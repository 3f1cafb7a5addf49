package io.polaroid.engine.exec.operators;

import io.polaroid.engine.exec.BatchStream;
import io.polaroid.engine.vector.Batch;
import java.util.function.Supplier;

/** A stream that is created on the first {@link #next()}, so that opening a plan does no work. */
final class LazyStream implements BatchStream {
    private final Supplier<BatchStream> open;
    private BatchStream stream;

    LazyStream(Supplier<BatchStream> open) {
        this.open = open;
    }

    @Override
    public Batch next() {
        if (stream == null) {
            stream = open.get();
        }
        return stream.next();
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
    }
}
