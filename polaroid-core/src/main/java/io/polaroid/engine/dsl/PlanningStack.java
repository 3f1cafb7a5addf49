package io.polaroid.engine.dsl;

import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs work that recurses over a user's plan (decoding, analysis, optimization, printing,
 * physical planning, distribution) on threads with a very large stack.
 *
 * <p>Why a large stack rather than iterative code: every pass over a plan is written as natural
 * recursion (a dozen analyzer and optimizer rules, the codecs, the printer, the fingerprint), and
 * rewriting all of them with explicit stacks would be large and easy to get subtly wrong. The
 * depth a plan may have is bounded before any of this runs ({@code polaroid.limits.max-plan-depth}
 * on a server), so a stack of {@value #STACK_MB} MB, which the OS only commits as it is used, is
 * enough for every pass at that depth with a wide margin. A {@link StackOverflowError} that still
 * happens is a plan too deep for this process, reported as {@link ErrorCode#INVALID_PLAN}.
 *
 * <p>Calls nest: work already on a planning thread runs in place. A caller that waits can stop
 * the work (a cancelled query, a deadline): the planning thread is interrupted, and the long
 * loops of planning poll {@link #checkCancelled()}.
 */
public final class PlanningStack {
    /** Stack size requested for planning threads. */
    public static final int STACK_MB = 512;
    private static final long POLL_MILLIS = 20;
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();
    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new PlanningThread(r, "polaroid-planning-" + THREAD_IDS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private PlanningStack() {
    }

    /** A thread whose stack is large enough for deep plans; work on one runs in place. */
    private static final class PlanningThread extends Thread {
        PlanningThread(Runnable r, String name) {
            super(null, r, name, (long) STACK_MB << 20);
        }
    }

    public static boolean onPlanningThread() {
        return Thread.currentThread() instanceof PlanningThread;
    }

    /** Runs {@code work} on a planning thread and returns its result; {@code what} names it in errors. */
    public static <T> T call(String what, Supplier<T> work) {
        return call(what, work, () -> false, 0);
    }

    /**
     * Runs {@code work} on a planning thread; stops it with CANCELLED when {@code stop} becomes true
     * or after {@code timeoutMillis} (0: none), without waiting for it to notice.
     */
    public static <T> T call(String what, Supplier<T> work, BooleanSupplier stop, long timeoutMillis) {
        if (onPlanningThread()) {
            return work.get();
        }
        long deadline = timeoutMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : Long.MAX_VALUE;
        Future<T> future = POOL.submit(() -> guarded(what, work));
        try {
            while (true) {
                try {
                    return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException notYet) {
                    if (stop.getAsBoolean()) {
                        future.cancel(true);
                        throw new PolaroidException(ErrorCode.CANCELLED, "cancelled while " + what);
                    }
                    if (System.nanoTime() - deadline > 0) {
                        future.cancel(true);
                        throw new PolaroidException(ErrorCode.CANCELLED, "the query's deadline of " + timeoutMillis
                                + " ms passed while " + what);
                    }
                }
            }
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new PolaroidException(ErrorCode.CANCELLED, "interrupted while " + what);
        } catch (CancellationException e) {
            throw new PolaroidException(ErrorCode.CANCELLED, "cancelled while " + what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw PolaroidException.wrap(cause);
        }
    }

    /** Starts {@code work} on a planning thread and returns at once; {@code what} names it in errors. */
    public static void start(String what, Runnable work) {
        POOL.execute(() -> guarded(what, () -> {
            work.run();
            return null;
        }));
    }

    /** Turns the errors a huge plan causes into INVALID_PLAN, saying where. */
    private static <T> T guarded(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (StackOverflowError e) {
            throw PolaroidException.invalidPlan("the plan is nested too deeply for " + what
                    + " (stack overflow); a server bounds the depth with polaroid.limits.max-plan-depth");
        } catch (OutOfMemoryError e) {
            throw PolaroidException.invalidPlan("the plan is too large for " + what
                    + " (out of heap memory); a server bounds its size with polaroid.limits.max-expr-nodes"
                    + " and polaroid.limits.max-plan-bytes");
        }
    }

    /**
     * Throws CANCELLED if the current planning work was stopped (its thread interrupted). Long
     * planning loops call this: the optimizer's passes, constant folding.
     */
    public static void checkCancelled() {
        if (onPlanningThread() && Thread.currentThread().isInterrupted()) {
            throw new PolaroidException(ErrorCode.CANCELLED, "planning was stopped: the query was cancelled or timed out");
        }
    }
}
