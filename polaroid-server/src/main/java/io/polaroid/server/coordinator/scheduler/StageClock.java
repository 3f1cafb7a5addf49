package io.polaroid.server.coordinator.scheduler;

import java.util.List;
import java.util.concurrent.TimeUnit;
import io.polaroid.engine.distributed.Stage;

/** When each stage sent its first task and when its last output arrived: where a query's time went. */
final class StageClock {
    private final long[] startNanos;
    private final long[] endNanos;

    StageClock(int stages) {
        startNanos = new long[stages];
        endNanos = new long[stages];
    }

    void started(int stage) {
        if (startNanos[stage] == 0) {
            startNanos[stage] = System.nanoTime();
        }
    }

    void ended(int stage) {
        endNanos[stage] = System.nanoTime();
    }

    /** When the stage sent its first task, in ms since {@code queryStartNanos}; -1 before. */
    long startMs(int stage, long queryStartNanos) {
        return sinceStart(startNanos[stage], queryStartNanos);
    }

    /** When the stage's last output arrived, in ms since {@code queryStartNanos}; -1 before. */
    long endMs(int stage, long queryStartNanos) {
        return sinceStart(endNanos[stage], queryStartNanos);
    }

    private static long sinceStart(long nanos, long queryStartNanos) {
        return nanos == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(nanos - queryStartNanos);
    }

    /** Each stage's span in ms since {@code queryStartNanos}. */
    String describe(List<Stage> stages, long queryStartNanos) {
        StringBuilder sb = new StringBuilder();
        for (Stage s : stages) {
            sb.append(sb.isEmpty() ? "" : ", ").append("stage ").append(s.id()).append(" (").append(s.tasks()).append(" tasks) ")
                    .append(TimeUnit.NANOSECONDS.toMillis(startNanos[s.id()] - queryStartNanos)).append('-')
                    .append(TimeUnit.NANOSECONDS.toMillis(endNanos[s.id()] - queryStartNanos)).append(" ms");
        }
        return sb.toString();
    }
}
