package io.polaroid.engine.distributed;

import io.polaroid.engine.io.Morsel;
import java.util.ArrayList;
import java.util.List;

/**
 * How the tasks of a stage share a scan's morsels: each task a contiguous run, in data order, of
 * about the same number of rows. A morsel that a share ends inside is read in part by the tasks on
 * either side ({@link Morsel#slice}), so that tasks end together even when a file has a few large
 * row groups (TPC-H lineitem at SF1: 14 row groups, which whole come to 3.23 and 2.77 million rows
 * for two tasks). Where some morsel's size is unknown or it cannot be read in part, or where the
 * shares are small, each task takes a run of whole morsels, the same number of each.
 */
public final class RowShares {
    /** No part of a morsel is cut smaller than this: a part costs the opening of its row group. */
    static final long MIN_PART_ROWS = 65_536;

    private final List<Morsel> morsels;
    /** Where each task's share starts, in rows from the scan's start; one more for the end; null when by count. */
    private final long[] cuts;
    private final int tasks;

    public RowShares(List<Morsel> morsels, int tasks) {
        this.morsels = List.copyOf(morsels);
        this.tasks = tasks;
        this.cuts = cuts(this.morsels, tasks);
    }

    /** What task {@code task} reads. */
    public List<Morsel> share(int task) {
        if (cuts == null) {
            return morsels.subList(start(morsels.size(), task, tasks), start(morsels.size(), task + 1, tasks));
        }
        long lo = cuts[task];
        long hi = cuts[task + 1];
        List<Morsel> out = new ArrayList<>();
        long at = 0;
        for (Morsel m : morsels) {
            long end = at + m.rows();
            long from = Math.max(at, lo);
            long to = Math.min(end, hi);
            if (from < to) {
                out.add(from == at && to == end ? m : m.slice(from - at, to - from));
            }
            at = end;
        }
        return out;
    }

    /**
     * The first of {@code morsels} that task {@code task} of {@code tasks} reads when the tasks
     * share them by count: together they read every morsel once and, in task order, in data order.
     */
    static int start(int morsels, int task, int tasks) {
        return (int) ((long) morsels * task / tasks);
    }

    /**
     * Each task's first row and the end, even shares moved to the nearer end of the morsel they
     * fall in when a part there would be smaller than {@link #MIN_PART_ROWS}; null when the tasks
     * share by count.
     */
    private static long[] cuts(List<Morsel> morsels, int tasks) {
        long total = 0;
        for (Morsel m : morsels) {
            if (m.rows() < 0 || m.rows() > 0 && m.slice(0, m.rows()) == null) {
                return null;
            }
            total += m.rows();
        }
        // far enough apart that no two cuts move onto the same place, so no task is left without rows
        if (tasks <= 1 || total / tasks <= 2 * MIN_PART_ROWS) {
            return null;
        }
        long[] cuts = new long[tasks + 1];
        cuts[tasks] = total;
        for (int t = 1; t < tasks; t++) {
            long even = total * t / tasks;
            long at = 0;
            for (Morsel m : morsels) {
                long end = at + m.rows();
                if (even < end) {
                    cuts[t] = even - at < MIN_PART_ROWS || end - even < MIN_PART_ROWS ? (even - at <= end - even ? at : end) : even;
                    break;
                }
                at = end;
            }
        }
        return cuts;
    }
}
