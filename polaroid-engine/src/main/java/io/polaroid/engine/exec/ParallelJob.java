package io.polaroid.engine.exec;

import io.polaroid.engine.error.PolaroidException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A fixed set of tasks that any number of threads run together. Every thread that wants the
 * results {@link #participate() participates}: it claims and runs tasks that nobody has started,
 * and only then waits for the ones still running elsewhere. A waiting thread therefore never
 * waits for a task that is not running, so nested jobs on one bounded pool cannot deadlock.
 */
public final class ParallelJob<T> {
    private final IntFunction<T> task;
    private final int size;
    private final Object[] results;
    private final AtomicInteger nextTask = new AtomicInteger();
    private final Object lock = new Object();
    private final TaskContext ctx;
    private int finished;
    private Throwable failure;
    private boolean helpersSubmitted;

    public ParallelJob(int size, IntFunction<T> task, TaskContext ctx) {
        this.size = size;
        this.task = task;
        this.results = new Object[size];
        this.ctx = ctx;
    }

    /** Runs all tasks on the calling thread and the context's pool; returns results in task order. */
    public static <T> List<T> runAll(int size, IntFunction<T> task, TaskContext ctx) {
        return new ParallelJob<>(size, task, ctx).participate();
    }

    /**
     * Helps run the tasks, waits until all are done and returns their results in task order. If a
     * task failed, closes the results that are {@link AutoCloseable} and rethrows the failure.
     */
    public List<T> participate() {
        submitHelpersOnce();
        runTasks();
        synchronized (lock) {
            while (finished < size) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    ctx.cancel("interrupted");
                    throw new PolaroidException(io.polaroid.engine.error.ErrorCode.CANCELLED, "query interrupted");
                }
            }
            if (failure != null) {
                closeResults();
                throw PolaroidException.wrap(failure);
            }
        }
        List<T> out = new ArrayList<>(size);
        for (Object r : results) {
            @SuppressWarnings("unchecked")
            T t = (T) r;
            out.add(t);
        }
        return out;
    }

    private void submitHelpersOnce() {
        int helpers;
        synchronized (lock) {
            if (helpersSubmitted) {
                return;
            }
            helpersSubmitted = true;
            helpers = Math.min(size - 1, ctx.threads() - 1);
        }
        Executor pool = ctx.executor();
        for (int i = 0; i < helpers; i++) {
            pool.execute(this::runTasks);
        }
    }

    private void runTasks() {
        int i;
        while ((i = nextTask.getAndIncrement()) < size) {
            Object result = null;
            Throwable error = null;
            try {
                if (failed()) {
                    continue;
                }
                result = task.apply(i);
            } catch (Throwable t) {
                error = t;
                ctx.fail(t);
            } finally {
                synchronized (lock) {
                    results[i] = result;
                    if (error != null && failure == null) {
                        failure = error;
                    }
                    finished++;
                    if (finished == size) {
                        lock.notifyAll();
                    }
                }
            }
        }
    }

    private boolean failed() {
        synchronized (lock) {
            return failure != null;
        }
    }

    private void closeResults() {
        for (int i = 0; i < results.length; i++) {
            if (results[i] instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // already failing; the first failure is the one reported
                }
            }
            results[i] = null;
        }
    }
}
