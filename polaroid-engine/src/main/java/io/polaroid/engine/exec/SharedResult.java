package io.polaroid.engine.exec;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A result several partitions of one operator need, such as a hash join's build table: built once
 * from {@code parts} tasks run in parallel, then combined by {@code combine}. Every partition that
 * asks for it helps build it. Closed with the query.
 */
public final class SharedResult<P, R extends AutoCloseable> implements AutoCloseable {
    private final ParallelJob<P> job;
    private final Function<List<P>, R> combine;
    private R result;
    private RuntimeException failure;
    private boolean closed;

    public SharedResult(int parts, IntFunction<P> part, Function<List<P>, R> combine, TaskContext ctx) {
        this.job = new ParallelJob<>(parts, part, ctx);
        this.combine = combine;
    }

    public R get() {
        List<P> parts = job.participate();
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
            if (closed) {
                throw new IllegalStateException("shared result used after the query closed");
            }
            if (result == null) {
                try {
                    result = combine.apply(parts);
                } catch (RuntimeException e) {
                    failure = e;
                    throw e;
                }
            }
            return result;
        }
    }

    @Override
    public synchronized void close() throws Exception {
        closed = true;
        if (result != null) {
            result.close();
            result = null;
        }
    }
}
