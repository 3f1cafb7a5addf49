package io.polaroid;

import io.polaroid.proto.v1.QueryStatus;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One updating line on a terminal while a query runs on the cluster: stages and tasks done of
 * their total, result rows and bytes so far, time elapsed. It appears only once the query has run
 * {@code after} milliseconds (a short query draws nothing), is redrawn in place, and is wiped when
 * the query ends. The status comes from the coordinator ({@code GetQuery}); null while the query is
 * still being planned.
 */
final class ProgressLine implements AutoCloseable {
    static final long AFTER_MILLIS = 2_000;
    static final long EVERY_MILLIS = 250;

    private final Supplier<QueryStatus> status;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final ScheduledFuture<?> drawing;
    private int drawnWidth;

    private ProgressLine(Supplier<QueryStatus> status, PrintStream out, ScheduledExecutorService timer, long afterMillis,
                         long everyMillis) {
        this.status = status;
        this.out = out;
        this.drawing = timer.scheduleWithFixedDelay(this::draw, afterMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    static ProgressLine start(Supplier<QueryStatus> status, PrintStream out, ScheduledExecutorService timer, long afterMillis,
                              long everyMillis) {
        return new ProgressLine(status, out, timer, afterMillis, everyMillis);
    }

    /** Whether progress lines are drawn: on a terminal, unless {@code polaroid.progress=false}. */
    static boolean wanted(boolean asked) {
        return asked && System.console() != null && !"false".equalsIgnoreCase(System.getProperty("polaroid.progress"));
    }

    private synchronized void draw() {
        if (drawing != null && drawing.isCancelled()) {
            return;
        }
        QueryStatus s;
        try {
            s = status.get();
        } catch (RuntimeException unreachable) {
            return; // the query's own call reports what went wrong
        }
        String line = format(s, (System.nanoTime() - startNanos) / 1_000_000);
        out.print('\r' + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        out.flush();
        drawnWidth = line.length();
    }

    /** The line for a status (null: not planned yet) after {@code elapsedMillis}. */
    static String format(QueryStatus s, long elapsedMillis) {
        String elapsed = String.format(Locale.ROOT, "%.1f s", elapsedMillis / 1000.0);
        if (s == null || s.getStagesTotal() == 0) {
            return "polaroid: planning ... " + elapsed;
        }
        return String.format(Locale.ROOT, "polaroid: stages %d/%d  tasks %d/%d%s  rows %,d  %s%s  %s", s.getStagesDone(),
                s.getStagesTotal(), s.getTasksDone(), s.getTasksTotal(),
                s.getTasksRetried() > 0 ? " (" + s.getTasksRetried() + " retried)" : "", s.getRows(), bytes(s.getBytes()),
                s.getSpilledBytes() > 0 ? "  spilled " + bytes(s.getSpilledBytes()) : "", elapsed);
    }

    private static String bytes(long n) {
        if (n < 1 << 20) {
            return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
        }
        if (n < 1L << 30) {
            return String.format(Locale.ROOT, "%.1f MB", n / (double) (1 << 20));
        }
        return String.format(Locale.ROOT, "%.2f GB", n / (double) (1L << 30));
    }

    /** Stops drawing and wipes the line, if one was drawn. */
    @Override
    public synchronized void close() {
        drawing.cancel(false);
        if (drawnWidth > 0) {
            out.print('\r' + " ".repeat(drawnWidth) + '\r');
            out.flush();
            drawnWidth = 0;
        }
    }
}
