package io.polaroid.server.coordinator.scheduler;

import java.util.Arrays;

/**
 * A growable list of (stage, task) pairs packed in longs: 8 bytes a task, no object per entry.
 * The scheduler keeps one per worker (the outputs it holds, the attempts it runs) so that a lost
 * worker costs what it had, not a scan of every task of the query. Entries may go stale (the task
 * was re-run elsewhere); whoever reads them checks them against the task table.
 */
final class TaskRefs {
    private long[] refs = new long[4];
    private int size;

    void add(int stage, int task) {
        if (size == refs.length) {
            refs = Arrays.copyOf(refs, size * 2);
        }
        refs[size++] = (long) stage << 32 | (task & 0xffffffffL);
    }

    int size() {
        return size;
    }

    int stage(int i) {
        return (int) (refs[i] >>> 32);
    }

    int task(int i) {
        return (int) refs[i];
    }

    /** Bytes this list holds, for the simulation's memory account. */
    long retainedBytes() {
        return 16L + 16 + 8L * refs.length;
    }
}
