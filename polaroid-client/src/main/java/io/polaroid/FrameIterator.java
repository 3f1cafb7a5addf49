package io.polaroid;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** An iterator of result frames that fetches one ahead; subclasses say how the next one comes. */
abstract class FrameIterator implements Iterator<DataFrame>, AutoCloseable {
    private DataFrame ready;

    /** The next frame, or null at the end. */
    protected abstract DataFrame fetchNext();

    @Override
    public final boolean hasNext() {
        if (ready == null) {
            ready = fetchNext();
        }
        return ready != null;
    }

    @Override
    public final DataFrame next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        DataFrame out = ready;
        ready = null;
        return out;
    }

    /** Frees the frame fetched ahead and not handed out. */
    protected final void closeReady() {
        if (ready != null) {
            ready.close();
            ready = null;
        }
    }
}
